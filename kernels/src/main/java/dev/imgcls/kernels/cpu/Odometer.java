package dev.imgcls.kernels.cpu;

/**
 * Walks the coordinates of a box in row-major order, tracking the element offset of the current
 * coordinate in two arrays with their own strides (a source and a destination), so that a
 * kernel visiting consecutive rows pays an increment instead of a division per row.
 */
final class Odometer {
    private final int[] dims;
    private final int[] stridesA;
    private final int[] stridesB;
    private final int[] counter;
    private int offsetA;
    private int offsetB;

    /** Positioned at flat index {@code start} of the box {@code dims}. */
    Odometer(int[] dims, int[] stridesA, int[] stridesB, int start) {
        this.dims = dims;
        this.stridesA = stridesA;
        this.stridesB = stridesB;
        this.counter = new int[dims.length];
        for (int d = dims.length - 1; d >= 0; d--) {
            counter[d] = start % dims[d];
            start /= dims[d];
            offsetA += counter[d] * stridesA[d];
            offsetB += counter[d] * stridesB[d];
        }
    }

    int offsetA() {
        return offsetA;
    }

    int offsetB() {
        return offsetB;
    }

    /** Moves to the next coordinate (wrapping to the origin after the last). */
    void next() {
        for (int d = dims.length - 1; d >= 0; d--) {
            offsetA += stridesA[d];
            offsetB += stridesB[d];
            if (++counter[d] < dims[d]) {
                return;
            }
            offsetA -= stridesA[d] * dims[d];
            offsetB -= stridesB[d] * dims[d];
            counter[d] = 0;
        }
    }
}

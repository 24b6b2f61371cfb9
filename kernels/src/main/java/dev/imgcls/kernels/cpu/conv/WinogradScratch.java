package dev.imgcls.kernels.cpu.conv;

import java.util.Arrays;

/**
 * The Winograd passes' float buffers, one set per thread, grown on demand and kept, so that once
 * warm a pass allocates nothing (a 512→512 layer's transformed filter alone is 16 MiB, which a
 * fresh array would also have to zero). The calling thread's set holds what its threads share
 * during one call (transformed filter, flipped filter, per-chunk filter-gradient sums); each
 * thread's set holds its own tile block. A buffer is only borrowed for the length of one call.
 */
final class WinogradScratch {
    private static final ThreadLocal<WinogradScratch> LOCAL = ThreadLocal.withInitial(WinogradScratch::new);

    private float[] filter;
    private float[] flipped;
    private float[] tiles;
    private float[] products;
    private float[] patch;
    private float[][] partials = new float[0][];

    private WinogradScratch() {
    }

    static WinogradScratch get() {
        return LOCAL.get();
    }

    private static float[] atLeast(float[] a, int size) {
        return a != null && a.length >= size ? a : new float[size];
    }

    /** The transformed filter U[16][cin][cout]. */
    float[] filter(int size) {
        return filter = atLeast(filter, size);
    }

    /** The input gradient's filter, rotated 180° with its channels swapped. */
    float[] flipped(int size) {
        return flipped = atLeast(flipped, size);
    }

    /** A block's transformed input tiles V[16][block][cin]. */
    float[] tiles(int size) {
        return tiles = atLeast(tiles, size);
    }

    /** A block's products M[16][block][cout] (or their gradients). */
    float[] products(int size) {
        return products = atLeast(products, size);
    }

    /** One 4×4 input window copied with zeros where it leaves the image. */
    float[] patch(int size) {
        return patch = atLeast(patch, size);
    }

    /** {@code count} buffers of {@code size} floats: per-chunk partial sums of the filter gradient. */
    float[][] partials(int count, int size) {
        if (partials.length < count) {
            partials = Arrays.copyOf(partials, count);
        }
        for (int i = 0; i < count; i++) {
            partials[i] = atLeast(partials[i], size);
        }
        return partials;
    }
}

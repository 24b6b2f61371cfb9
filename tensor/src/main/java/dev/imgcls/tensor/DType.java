package dev.imgcls.tensor;

/**
 * Element types. FLOAT32 is the compute type; FLOAT64 exists so the reference backend can run
 * finite-difference gradient checks in double precision; integer types carry labels and pixels.
 */
public enum DType {
    FLOAT32(4), FLOAT64(8), INT32(4), INT64(8), UINT8(1);

    private final int byteSize;

    DType(int byteSize) {
        this.byteSize = byteSize;
    }

    public int byteSize() {
        return byteSize;
    }

    public boolean isFloating() {
        return this == FLOAT32 || this == FLOAT64;
    }
}

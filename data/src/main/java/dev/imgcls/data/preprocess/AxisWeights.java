package dev.imgcls.data.preprocess;

/**
 * The four source indices and weights of every output position along one axis for TF1's legacy
 * {@code ResizeBicubic} (align_corners=False, half_pixel_centers=False), computed exactly as
 * resize_bicubic_op.cc does in float: source coordinate {@code out * (in / out)}, the fractional
 * part quantized to 1/1024 and looked up in a Keys (a = -0.75) coefficient table, indices clamped
 * to the image (so edge pixels are repeated, weights not renormalized).
 */
final class AxisWeights {
    private static final int TABLE_SIZE = 1 << 10;
    /** Interleaved (w(x), w(x + 1)) for x = i / 1024, as InitCoeffsTable(-0.75) builds it (double maths, float storage). */
    private static final float[] COEFFS = new float[(TABLE_SIZE + 1) * 2];

    static {
        double a = -0.75f;
        for (int i = 0; i <= TABLE_SIZE; i++) {
            float x = (float) (i * 1.0 / TABLE_SIZE);
            COEFFS[i * 2] = (float) (((a + 2) * x - (a + 3)) * x * x + 1);
            x = (float) (x + 1.0);
            COEFFS[i * 2 + 1] = (float) (((a * x - 5 * a) * x + 8 * a) * x - 4 * a);
        }
    }

    final int outSize;
    /** indices[4 * o + k]: source position of tap k for output o. */
    final int[] indices;
    final float[] weights;

    private AxisWeights(int outSize) {
        this.outSize = outSize;
        this.indices = new int[4 * outSize];
        this.weights = new float[4 * outSize];
    }

    static AxisWeights legacyBicubic(int inSize, int outSize) {
        if (inSize <= 0 || outSize <= 0) {
            throw new IllegalArgumentException("resize needs positive sizes, got " + inSize + " -> " + outSize);
        }
        AxisWeights w = new AxisWeights(outSize);
        float scale = inSize / (float) outSize;
        for (int o = 0; o < outSize; o++) {
            float in = o * scale;
            long inLoc = (long) Math.floor(in);
            float delta = in - inLoc;
            int offset = (int) Math.rint(delta * TABLE_SIZE);
            w.weights[4 * o] = COEFFS[offset * 2 + 1];
            w.weights[4 * o + 1] = COEFFS[offset * 2];
            w.weights[4 * o + 2] = COEFFS[(TABLE_SIZE - offset) * 2];
            w.weights[4 * o + 3] = COEFFS[(TABLE_SIZE - offset) * 2 + 1];
            for (int k = 0; k < 4; k++) {
                w.indices[4 * o + k] = (int) Math.min(inSize - 1, Math.max(0, inLoc - 1 + k));
            }
        }
        return w;
    }

    /** Whether any output reads source position {@code i} (lets a pass skip unused source columns). */
    boolean[] used(int inSize) {
        boolean[] used = new boolean[inSize];
        for (int idx : indices) {
            used[idx] = true;
        }
        return used;
    }
}

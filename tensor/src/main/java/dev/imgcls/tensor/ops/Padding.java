package dev.imgcls.tensor.ops;

/**
 * Spatial padding of convolutions and pools: TensorFlow's {@code SAME} (output = ceil(in/stride),
 * the odd extra pixel at the bottom/right), {@code VALID} (no padding), or explicit
 * (top, bottom, left, right) pixel counts.
 */
public record Padding(Kind kind, int top, int bottom, int left, int right) {
    public enum Kind { SAME, VALID, EXPLICIT }

    public static final Padding SAME = new Padding(Kind.SAME, 0, 0, 0, 0);
    public static final Padding VALID = new Padding(Kind.VALID, 0, 0, 0, 0);

    /**
     * Explicit padding in pixels on each side; none may be negative.
     * <pre>{@code Padding p = Padding.explicit(1, 1, 1, 1);}</pre>
     */
    public static Padding explicit(int top, int bottom, int left, int right) {
        if (top < 0 || bottom < 0 || left < 0 || right < 0) {
            throw new IllegalArgumentException("negative padding");
        }
        return new Padding(Kind.EXPLICIT, top, bottom, left, right);
    }

    /** Output size and leading pad along one spatial axis. */
    public record Axis(int out, int padBefore, int padAfter) {
    }

    /** Resolves one axis: input size, kernel size, stride. */
    public Axis along(boolean vertical, int in, int k, int stride) {
        switch (kind) {
            case SAME -> {
                int out = (in + stride - 1) / stride;
                int total = Math.max((out - 1) * stride + k - in, 0);
                return new Axis(out, total / 2, total - total / 2);
            }
            case VALID -> {
                if (in < k) {
                    throw new IllegalArgumentException("VALID window " + k + " larger than input " + in);
                }
                return new Axis((in - k) / stride + 1, 0, 0);
            }
            default -> {
                int before = vertical ? top : left;
                int after = vertical ? bottom : right;
                int padded = in + before + after;
                if (padded < k) {
                    throw new IllegalArgumentException("window " + k + " larger than padded input " + padded);
                }
                return new Axis((padded - k) / stride + 1, before, after);
            }
        }
    }
}

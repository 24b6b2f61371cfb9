package dev.imgcls.data.pipeline;

import dev.imgcls.tensor.Generator;

/**
 * Turns one encoded image into an {@code imageSize × imageSize × 3} float HWC image, written into
 * a caller's buffer. The input pipeline calls it from several worker threads at once, so
 * implementations must be thread-safe; all randomness must come from the given {@link Generator}
 * (one per example, derived from the seed and the example's position in the stream), so that the
 * output does not depend on which thread ran it or when.
 */
public interface ExamplePreprocessor {

    /** Side of the square output image. */
    int imageSize();

    /** Floats one output image occupies. */
    default int outputLength() {
        return imageSize() * imageSize() * 3;
    }

    /** Training preprocessing (random crop, flip, ...) into {@code out[offset .. offset + outputLength())}. */
    void train(byte[] encoded, Generator random, float[] out, int offset) throws UndecodableImageException;

    /** Evaluation preprocessing (deterministic) into {@code out[offset .. offset + outputLength())}. */
    void eval(byte[] encoded, float[] out, int offset) throws UndecodableImageException;
}

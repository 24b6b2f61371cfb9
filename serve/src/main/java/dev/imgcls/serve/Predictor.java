package dev.imgcls.serve;

/**
 * The model behind the server, as the serving signature runs it: the eval preprocessing of one
 * encoded image, then the softmax of the network's logits for a batch. The trainer adapts its own
 * inference to this, so this module needs no network code.
 */
public interface Predictor {
    /** The model_type of the export, for log lines and metadata (e.g. "resnet-18"). */
    String modelType();

    /** The side of the square images the network takes. */
    int imageSize();

    int numClasses();

    /** Floats per preprocessed image: {@code imageSize² x 3}. */
    default int pixelsPerImage() {
        return imageSize() * imageSize() * 3;
    }

    /**
     * Decodes and preprocesses one encoded image into {@code out[offset .. offset + pixelsPerImage())}.
     * Called from many threads at once.
     *
     * @throws dev.imgcls.data.image.ImageDecodeException when the bytes are not an image it decodes
     */
    void preprocess(byte[] encoded, float[] out, int offset);

    /**
     * The softmax probabilities, {@code [n, numClasses]} row-major, of {@code n} preprocessed images.
     * Called from one thread at a time (the batcher), so the network's own threads have the CPUs.
     */
    float[] probabilities(float[] pixels, int n);
}

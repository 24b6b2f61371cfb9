package dev.imgcls.data.preprocess;

import dev.imgcls.data.image.ImageDecodeException;
import dev.imgcls.data.pipeline.ExamplePreprocessor;
import dev.imgcls.data.pipeline.UndecodableImageException;
import dev.imgcls.tensor.Generator;

/** The reference preprocessing ({@link ImagePreprocessor}) as the input pipeline's per-example step. */
public final class ReferenceExamplePreprocessor implements ExamplePreprocessor {
    private final ImagePreprocessor preprocessor;

    public ReferenceExamplePreprocessor(ImagePreprocessor preprocessor) {
        this.preprocessor = preprocessor;
    }

    @Override
    public int imageSize() {
        return preprocessor.imageSize();
    }

    @Override
    public void train(byte[] encoded, Generator random, float[] out, int offset) throws UndecodableImageException {
        try {
            preprocessor.train(encoded, random, out, offset);
        } catch (ImageDecodeException e) {
            throw new UndecodableImageException(e.getMessage(), e);
        }
    }

    @Override
    public void eval(byte[] encoded, float[] out, int offset) throws UndecodableImageException {
        try {
            preprocessor.eval(encoded, out, offset);
        } catch (ImageDecodeException e) {
            throw new UndecodableImageException(e.getMessage(), e);
        }
    }
}

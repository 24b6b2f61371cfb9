package dev.imgcls.train.predict;

import dev.imgcls.export.savedmodel.ExportedModel;
import dev.imgcls.serve.Predictor;

/** An exported model as the prediction server runs it: {@link ImagePredictor}'s preprocessing and softmax. */
public final class ServedModel implements Predictor {
    private final String modelType;
    private final ImagePredictor predictor;

    public ServedModel(ExportedModel exported) {
        this.modelType = exported.info().modelType();
        this.predictor = ImagePredictor.of(exported);
    }

    @Override
    public String modelType() {
        return modelType;
    }

    @Override
    public int imageSize() {
        return predictor.imageSize();
    }

    @Override
    public int numClasses() {
        return predictor.numClasses();
    }

    @Override
    public void preprocess(byte[] encoded, float[] out, int offset) {
        predictor.preprocess(encoded, out, offset);
    }

    @Override
    public float[] probabilities(float[] pixels, int n) {
        return predictor.probabilities(pixels, n);
    }
}

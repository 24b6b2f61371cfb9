package dev.imgcls.train.predict;

import dev.imgcls.data.preprocess.CropSettings;
import dev.imgcls.data.preprocess.ImagePreprocessor;
import dev.imgcls.export.savedmodel.TestImages;
import dev.imgcls.tensor.Tensor;

import java.util.List;

/** Encoded images through data's eval preprocessing as one NHWC batch, as {@link ImagePredictor} feeds the model. */
final class EvalBatch {
    private EvalBatch() {
    }

    static Tensor of(List<byte[]> images, int imageSize) {
        return of(images, imageSize, CropSettings.REFERENCE.evalCropPadding());
    }

    /** With the evaluation crop of {@code --eval_crop_padding=cropPadding}. */
    static Tensor of(List<byte[]> images, int imageSize, int cropPadding) {
        ImagePreprocessor pre = new ImagePreprocessor(imageSize, new CropSettings(cropPadding, CropSettings.REFERENCE.minCropArea()));
        float[] pixels = new float[images.size() * pre.outputLength()];
        for (int i = 0; i < images.size(); i++) {
            pre.eval(images.get(i), pixels, i * pre.outputLength());
        }
        return Tensor.of(pixels, images.size(), imageSize, imageSize, 3);
    }

    /** Four PNGs unlike the test images, preprocessed, for calibrating a model's batch-norm statistics. */
    static Tensor calibration(int imageSize) {
        return of(List.of(TestImages.png(96, 90, 101), TestImages.png(130, 85, 102), TestImages.png(70, 120, 103),
                TestImages.png(210, 200, 104)), imageSize);
    }
}

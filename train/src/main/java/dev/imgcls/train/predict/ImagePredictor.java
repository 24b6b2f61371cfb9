package dev.imgcls.train.predict;

import dev.imgcls.data.preprocess.CropSettings;
import dev.imgcls.data.preprocess.ImagePreprocessor;
import dev.imgcls.export.savedmodel.ExportedModel;
import dev.imgcls.export.savedmodel.ServingSignature;
import dev.imgcls.nn.Mode;
import dev.imgcls.nn.Model;
import dev.imgcls.tensor.Autograd;
import dev.imgcls.tensor.MemoryScope;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.ops.LossOps;
import dev.imgcls.tensor.ops.ShapeOps;

import java.util.ArrayList;
import java.util.List;

/**
 * Our own inference with the serving contract of {@link ServingSignature}: encoded images through
 * the eval preprocessing ({@link ImagePreprocessor#eval}) and {@link Model#forward} in evaluation
 * mode, then softmax and argmax of the logits, with keys echoed the way the exported graph does.
 * Images are run in batches of at most {@link #MAX_BATCH} to bound memory.
 */
public final class ImagePredictor {
    public static final int MAX_BATCH = 16;

    private final Model model;
    private final ImagePreprocessor preprocessor;

    /** With the reference's evaluation crop. */
    public ImagePredictor(Model model, int imageSize) {
        this(model, imageSize, CropSettings.REFERENCE.evalCropPadding());
    }

    /** With the centre crop {@code imageSize / (imageSize + cropPadding)} of the job's {@code --eval_crop_padding}. */
    public ImagePredictor(Model model, int imageSize, int cropPadding) {
        this.model = model;
        this.preprocessor = new ImagePreprocessor(imageSize, new CropSettings(cropPadding, CropSettings.REFERENCE.minCropArea()));
    }

    /** Inference with an exported model at its image size and crop, as its serving graph does. */
    public static ImagePredictor of(ExportedModel exported) {
        return new ImagePredictor(exported.model(), exported.info().imageSize(), exported.info().evalCropPadding());
    }

    /** Predictions for a batch, in input order. */
    public record Predictions(long[] classes, float[][] probabilities, List<String> keys) {
        public int size() {
            return classes.length;
        }
    }

    /** {@link #predict(List, List)} without keys: every image gets {@link ServingSignature#DEFAULT_KEY}. */
    public Predictions predict(List<byte[]> images) {
        return predict(images, List.of());
    }

    /**
     * @param keys one per image, or a single key for all, or none (each image gets "default")
     */
    public Predictions predict(List<byte[]> images, List<String> keys) {
        List<String> echoed = echoKeys(keys, images.size());
        int n = images.size();
        long[] classes = new long[n];
        float[][] probabilities = new float[n][];
        for (int start = 0; start < n; start += MAX_BATCH) {
            int count = Math.min(MAX_BATCH, n - start);
            runBatch(images.subList(start, start + count), start, classes, probabilities);
        }
        return new Predictions(classes, probabilities, echoed);
    }

    private void runBatch(List<byte[]> images, int offset, long[] classes, float[][] probabilities) {
        int per = preprocessor.outputLength();
        float[] pixels = new float[images.size() * per];
        for (int i = 0; i < images.size(); i++) {
            preprocess(images.get(i), pixels, i * per);
        }
        try (MemoryScope scope = MemoryScope.open(); Autograd.Scope noGrad = Autograd.noGrad()) {
            Tensor logits = forward(pixels, images.size());
            float[] probs = LossOps.softmax(logits).toFloatArray();
            long[] argmax = ShapeOps.argmax(logits, 1).toLongArray();
            int k = model.numClasses();
            for (int i = 0; i < images.size(); i++) {
                classes[offset + i] = argmax[i];
                probabilities[offset + i] = java.util.Arrays.copyOfRange(probs, i * k, (i + 1) * k);
            }
        }
    }

    /** The side of the square images the model takes. */
    public int imageSize() {
        return preprocessor.imageSize();
    }

    public int numClasses() {
        return model.numClasses();
    }

    /**
     * The serving preprocessing of one encoded image into {@code out[offset ..]}: {@code imageSize² x 3}
     * HWC floats of 0..255 pixels. Thread-safe.
     *
     * @throws dev.imgcls.data.image.ImageDecodeException when the bytes are not an image it decodes
     */
    public void preprocess(byte[] encoded, float[] out, int offset) {
        preprocessor.eval(encoded, out, offset);
    }

    /** The logits, {@code [n, numClasses]} row-major, of {@code n} images {@link #preprocess preprocessed} into {@code pixels}. */
    @SuppressWarnings("try") // the scopes work by being open
    public float[] logits(float[] pixels, int n) {
        try (MemoryScope scope = MemoryScope.open(); Autograd.Scope noGrad = Autograd.noGrad()) {
            return forward(pixels, n).toFloatArray();
        }
    }

    /** The softmax probabilities, {@code [n, numClasses]} row-major, of {@code n} images {@link #preprocess preprocessed} into {@code pixels}. */
    @SuppressWarnings("try") // the scopes work by being open
    public float[] probabilities(float[] pixels, int n) {
        try (MemoryScope scope = MemoryScope.open(); Autograd.Scope noGrad = Autograd.noGrad()) {
            return LossOps.softmax(forward(pixels, n)).toFloatArray();
        }
    }

    private Tensor forward(float[] pixels, int n) {
        int size = preprocessor.imageSize();
        return model.forward(Tensor.of(pixels, n, size, size, 3), Mode.EVAL);
    }

    /** The serving graph's BroadcastTo(key, [N]): N keys as given, one key repeated, none → "default". */
    static List<String> echoKeys(List<String> keys, int n) {
        if (keys.isEmpty()) {
            return java.util.Collections.nCopies(n, ServingSignature.DEFAULT_KEY);
        }
        if (keys.size() == 1) {
            return java.util.Collections.nCopies(n, keys.get(0));
        }
        if (keys.size() != n) {
            throw new IllegalArgumentException(keys.size() + " keys for " + n + " images; send one key per image, a single key, or none");
        }
        return new ArrayList<>(keys);
    }
}

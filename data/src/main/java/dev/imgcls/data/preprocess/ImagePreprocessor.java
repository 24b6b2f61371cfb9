package dev.imgcls.data.preprocess;

import dev.imgcls.data.image.CropWindow;
import dev.imgcls.data.image.ImageDecoder;
import dev.imgcls.data.image.ImageHeader;
import dev.imgcls.data.image.RgbImage;
import dev.imgcls.tensor.Generator;

/**
 * The reference input preprocessing (tensorflow/tpu r1.14 {@code resnet_preprocessing.py}, shared by
 * EfficientNet): encoded bytes in, an {@code imageSize x imageSize x 3} float HWC image out, written
 * straight into a caller's buffer (e.g. one slot of an NHWC batch) so a batch fills without copies.
 *
 * <ul>
 *   <li>Eval: {@link CenterCrop} window, decoded alone, then legacy bicubic resize.</li>
 *   <li>Train: {@link DistortedBoxSampler#reference()} on the header size; if the sampled crop is
 *       the whole image (sampling fell back) the eval path is used instead, as the reference does;
 *       otherwise the crop is decoded and resized; then a left-right flip with probability 0.5.</li>
 * </ul>
 *
 * <p>{@link CropSettings} other than {@link CropSettings#REFERENCE} change the crop padding and the
 * training crop's minimum area, for small pictures.
 *
 * <p>Output values are the resized 0..255 pixels as float, not clamped (bicubic overshoot can give
 * slightly negative values or values above 255) and not normalized: the mean/std normalization of
 * the reference happens inside the model. Thread-safe; randomness comes only from the caller's
 * {@link Generator}, so a seed reproduces the same crops and flips.
 */
public final class ImagePreprocessor {
    private final int imageSize;
    private final int cropPadding;
    private final DistortedBoxSampler sampler;

    /** The reference preprocessing at {@code imageSize}. */
    public ImagePreprocessor(int imageSize) {
        this(imageSize, CropSettings.REFERENCE);
    }

    public ImagePreprocessor(int imageSize, CropSettings crop) {
        if (imageSize <= 0) {
            throw new IllegalArgumentException("image_size must be positive, got " + imageSize);
        }
        this.imageSize = imageSize;
        this.cropPadding = crop.evalCropPadding();
        this.sampler = crop.sampler();
    }

    public int imageSize() {
        return imageSize;
    }

    /** Floats one output image occupies: imageSize * imageSize * 3. */
    public int outputLength() {
        return imageSize * imageSize * 3;
    }

    /** Eval/serving preprocessing of {@code encoded} into {@code out[offset .. offset + outputLength())}. */
    public void eval(byte[] encoded, float[] out, int offset) {
        ImageHeader header = ImageDecoder.probe(encoded);
        centerCropAndResize(encoded, header, false, out, offset);
    }

    /** Training preprocessing (random crop and flip drawn from {@code random}) into {@code out} at {@code offset}. */
    public void train(byte[] encoded, Generator random, float[] out, int offset) {
        ImageHeader header = ImageDecoder.probe(encoded);
        CropWindow crop = sampler.sample(header.height(), header.width(), random);
        boolean fellBack = crop.width() == header.width() && crop.height() == header.height();
        boolean flip = random.nextFloat() < 0.5f;
        if (fellBack) {
            centerCropAndResize(encoded, header, flip, out, offset);
        } else {
            RgbImage image = ImageDecoder.decode(encoded, crop);
            BicubicResize.resize(image, imageSize, imageSize, flip, out, offset);
        }
    }

    private void centerCropAndResize(byte[] encoded, ImageHeader header, boolean flip, float[] out, int offset) {
        CropWindow window = CenterCrop.window(header.height(), header.width(), imageSize, cropPadding);
        RgbImage image = ImageDecoder.decode(encoded, window);
        BicubicResize.resize(image, imageSize, imageSize, flip, out, offset);
    }
}

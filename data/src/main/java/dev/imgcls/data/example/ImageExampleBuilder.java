package dev.imgcls.data.example;

import dev.imgcls.data.proto.Example;
import dev.imgcls.data.proto.Features;

/**
 * Builds the tf.Example of one image with the keys Google's converters write
 * ({@link ImageFeatureKeys}). The encoded image and the label are required (they are what the
 * trainer reads); the other features are written when set.
 */
public final class ImageExampleBuilder {

    private final Features.Builder features = Features.newBuilder();
    private boolean hasEncoded;
    private boolean hasLabel;

    public ImageExampleBuilder encoded(byte[] imageFileBytes) {
        features.putFeature(ImageFeatureKeys.ENCODED, FeatureValues.bytes(imageFileBytes));
        hasEncoded = true;
        return this;
    }

    /** The label as the data set stores it (0- or 1-based, see seed-spec §1.4). */
    public ImageExampleBuilder label(long label) {
        features.putFeature(ImageFeatureKeys.LABEL, FeatureValues.int64(label));
        hasLabel = true;
        return this;
    }

    /** E.g. {@code "JPEG"} or {@code "PNG"}. */
    public ImageExampleBuilder format(String format) {
        return text(ImageFeatureKeys.FORMAT, format);
    }

    /** The class's WordNet id or folder name, e.g. {@code "n01440764"}. */
    public ImageExampleBuilder synset(String synset) {
        return text(ImageFeatureKeys.SYNSET, synset);
    }

    /** A human-readable class name, e.g. {@code "tench"}. */
    public ImageExampleBuilder classText(String text) {
        return text(ImageFeatureKeys.TEXT, text);
    }

    public ImageExampleBuilder height(long height) {
        features.putFeature(ImageFeatureKeys.HEIGHT, FeatureValues.int64(height));
        return this;
    }

    public ImageExampleBuilder width(long width) {
        features.putFeature(ImageFeatureKeys.WIDTH, FeatureValues.int64(width));
        return this;
    }

    public ImageExampleBuilder channels(long channels) {
        features.putFeature(ImageFeatureKeys.CHANNELS, FeatureValues.int64(channels));
        return this;
    }

    /** E.g. {@code "RGB"}. */
    public ImageExampleBuilder colorspace(String colorspace) {
        return text(ImageFeatureKeys.COLORSPACE, colorspace);
    }

    public ImageExampleBuilder filename(String filename) {
        return text(ImageFeatureKeys.FILENAME, filename);
    }

    public Example build() {
        if (!hasEncoded || !hasLabel) {
            throw new IllegalStateException("an image tf.Example needs both '" + ImageFeatureKeys.ENCODED + "' and '"
                    + ImageFeatureKeys.LABEL + "'" + (hasEncoded ? "" : "; the encoded image is missing")
                    + (hasLabel ? "" : "; the label is missing"));
        }
        return Example.newBuilder().setFeatures(features).build();
    }

    /** The serialized Example, ready to be a TFRecord payload. */
    public byte[] toByteArray() {
        return build().toByteArray();
    }

    private ImageExampleBuilder text(String key, String value) {
        features.putFeature(key, FeatureValues.text(value));
        return this;
    }
}

package dev.imgcls.export.onnx;

import java.util.List;

/**
 * What the ONNX export writes into the model's metadata besides the network: the evaluation
 * preprocessing the input must have had (the serving image size and the centre crop's padding),
 * the class names when known, and the version of the trainer that wrote it.
 *
 * @param imageSize       the side of the square input the network is exported for
 * @param cropPadding     the centre crop keeps {@code imageSize / (imageSize + cropPadding)} of the shorter side
 * @param labels          class names in class-index order, or empty when unknown
 * @param producerVersion the trainer's version, written as the model's producer_version
 */
public record OnnxExportOptions(int imageSize, int cropPadding, List<String> labels, String producerVersion) {
    /** The reference's CROP_PADDING, as the SavedModel's decode graph and data's CenterCrop use. */
    public static final int REFERENCE_CROP_PADDING = 32;

    public OnnxExportOptions {
        if (imageSize < 1) {
            throw new IllegalArgumentException("image_size must be positive, got " + imageSize);
        }
        if (cropPadding < 0) {
            throw new IllegalArgumentException("crop padding must not be negative, got " + cropPadding);
        }
        labels = List.copyOf(labels);
        if (producerVersion == null || producerVersion.isBlank()) {
            throw new IllegalArgumentException("producer version is missing; pass \"unknown\" when the build has none");
        }
    }

    /** The reference's evaluation preprocessing at {@code imageSize}, no labels, producer version unknown. */
    public static OnnxExportOptions reference(int imageSize) {
        return new OnnxExportOptions(imageSize, REFERENCE_CROP_PADDING, List.of(), "unknown");
    }

    public OnnxExportOptions withCropPadding(int padding) {
        return new OnnxExportOptions(imageSize, padding, labels, producerVersion);
    }

    public OnnxExportOptions withLabels(List<String> names) {
        return new OnnxExportOptions(imageSize, cropPadding, names, producerVersion);
    }

    public OnnxExportOptions withProducerVersion(String version) {
        return new OnnxExportOptions(imageSize, cropPadding, labels, version);
    }

    /** The fraction of the shorter side the centre crop keeps, in float32 as the preprocessing computes it. */
    public float cropFraction() {
        return (float) (imageSize / (double) (imageSize + cropPadding));
    }
}

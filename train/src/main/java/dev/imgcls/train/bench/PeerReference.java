package dev.imgcls.train.bench;

import java.util.Map;
import java.util.OptionalDouble;

/**
 * Training throughput the team measured with PyTorch 2.7.1 on the benchmark machine kind (2 cores,
 * AMD EPYC Zen 4 with AVX-512, FP32, 2 threads, synthetic data, forward + backward + SGD update,
 * median step). Only these configurations were measured.
 */
final class PeerReference {
    static final String DESCRIPTION = "PyTorch 2.7.1 reference on this machine kind";

    private static final Map<String, Double> IMAGES_PER_SECOND = Map.of(
            key("resnet-50", 224, 32), 5.0,
            key("resnet-18", 224, 32), 13.0,
            key("resnet-18", 64, 128), 159.0,
            key("efficientnet-b0", 224, 32), 10.2);

    private PeerReference() {
    }

    /** The PyTorch images/s for this configuration, if it is one that was measured. */
    static OptionalDouble imagesPerSecond(String modelType, int imageSize, int batchSize) {
        Double v = IMAGES_PER_SECOND.get(key(modelType, imageSize, batchSize));
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    /** The measured configurations, for the message when there is no match. */
    static String configurations() {
        return "resnet-50 224/32, resnet-18 224/32, resnet-18 64/128, efficientnet-b0 224/32 (model image_size/batch)";
    }

    private static String key(String modelType, int imageSize, int batchSize) {
        return modelType + "@" + imageSize + "/" + batchSize;
    }
}

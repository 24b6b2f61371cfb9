package dev.imgcls.nn;

import dev.imgcls.nn.models.EfficientNet;
import dev.imgcls.nn.models.ResNet;
import dev.imgcls.tensor.Generator;

import java.util.List;

/** Builds a model from the reference page's {@code model_type} names. */
public final class ModelFactory {
    /** Exactly the reference page's options. */
    public static final List<String> MODEL_TYPES = List.of(
            "resnet-18", "resnet-34", "resnet-50", "resnet-101", "resnet-152", "resnet-200",
            "efficientnet-b0", "efficientnet-b1", "efficientnet-b2", "efficientnet-b3",
            "efficientnet-b4", "efficientnet-b5", "efficientnet-b6", "efficientnet-b7");

    private ModelFactory() {
    }

    /** A freshly initialised model; the same seed gives the same weights. */
    public static Model create(String modelType, int numClasses, long seed) {
        Generator gen = new Generator(seed);
        if (modelType.startsWith("resnet-")) {
            if (!MODEL_TYPES.contains(modelType)) {
                throw unknown(modelType);
            }
            return new ResNet(Integer.parseInt(modelType.substring("resnet-".length())), numClasses, gen);
        }
        if (modelType.startsWith("efficientnet-b") && MODEL_TYPES.contains(modelType)) {
            return new EfficientNet(modelType, numClasses, gen);
        }
        throw unknown(modelType);
    }

    private static IllegalArgumentException unknown(String modelType) {
        return new IllegalArgumentException("unknown model_type '" + modelType + "'; choose one of " + String.join(", ", MODEL_TYPES));
    }
}

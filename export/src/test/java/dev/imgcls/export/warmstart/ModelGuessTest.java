package dev.imgcls.export.warmstart;

import dev.imgcls.nn.ModelFactory;
import dev.imgcls.nn.Variable;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Recognising a checkpoint's model_type from its variables' names and shapes. */
class ModelGuessTest {

    /** Each model_type's variables (name → shape), built once: the models take a while to initialise. */
    private static final Map<String, Map<String, long[]>> SHAPES = new HashMap<>();

    private static Map<String, long[]> shapesOf(String modelType) {
        return SHAPES.computeIfAbsent(modelType, type -> {
            Map<String, long[]> shapes = new LinkedHashMap<>();
            for (Variable v : ModelFactory.create(type, 1000, 1).variables()) {
                shapes.put(v.name(), ReferenceCheckpoints.toLongs(v.shape().dims()));
            }
            return shapes;
        });
    }

    /** The checkpoint a model would be saved as: its variables, optionally under a scope, with shadows and slots. */
    private static Map<String, long[]> checkpointOf(String modelType, String scope, String... extraSuffixes) {
        Map<String, long[]> variables = new LinkedHashMap<>();
        shapesOf(modelType).forEach((name, dims) -> {
            variables.put(scope + name, dims);
            for (String suffix : extraSuffixes) {
                variables.put(scope + name + suffix, dims);
            }
        });
        variables.put("global_step", new long[0]);
        return variables;
    }

    @Test
    void everyResNetCheapEnoughToBuildIsRecognisedByItsConvolutionsAndFeatures() {
        for (String type : new String[] {"resnet-18", "resnet-34", "resnet-50"}) {
            ModelGuess guess = ModelGuess.of(checkpointOf(type, "", "/Momentum"));
            assertEquals(type, guess.modelType(), guess.describe());
        }
    }

    @Test
    void resNetConvolutionCountsMatchTheSpecTable() {
        // seed-spec §2.1: convolutions incl. stem and projections, pooled features.
        assertEquals("resnet-18 (21 convolutions, 512 pooled features)",
                ModelGuess.of(checkpointOf("resnet-18", "")).describe());
        assertEquals("resnet-50 (53 convolutions, 2048 pooled features, under scope 'resnet50/')",
                ModelGuess.of(checkpointOf("resnet-50", "resnet50/")).describe());
    }

    @Test
    void efficientNetsAreRecognisedByBlocksStemAndHeadWidths() {
        for (String type : new String[] {"efficientnet-b0", "efficientnet-b1", "efficientnet-b2", "efficientnet-b3"}) {
            ModelGuess guess = ModelGuess.of(checkpointOf(type, "", "/ExponentialMovingAverage", "/RMSProp", "/RMSProp_1"));
            assertEquals(type, guess.modelType(), guess.describe());
        }
        // B1 and B2 share blocks and stem; only the head width tells them apart (seed-spec §2.2).
        assertEquals("efficientnet-b2 (23 blocks, stem width 32, head width 1408)",
                ModelGuess.of(checkpointOf("efficientnet-b2", "")).describe());
    }

    @Test
    void anEfficientNetOfNoKnownSizeIsDescribedNotGuessed() {
        Map<String, long[]> b0 = checkpointOf("efficientnet-b0", "");
        Map<String, long[]> truncated = new LinkedHashMap<>();
        b0.forEach((name, dims) -> {
            if (!name.matches(".*/blocks_1[0-5]/.*")) {
                truncated.put(name.replace("efficientnet-b0/", "efficientnet-b8/"), dims);
            }
        });
        ModelGuess guess = ModelGuess.of(truncated);
        assertFalse(guess.recognised());
        assertEquals("an EfficientNet under scope 'efficientnet-b8' (10 blocks, stem width 32, head width 1280) that matches none"
                + " of efficientnet-b0 … b7", guess.describe());
    }

    @Test
    void otherCheckpointsAreNotGuessed() {
        Map<String, long[]> keras = new LinkedHashMap<>();
        keras.put("model/layer_with_weights-0/kernel/.ATTRIBUTES/VARIABLE_VALUE", new long[] {7, 7, 3, 64});
        keras.put("_CHECKPOINTABLE_OBJECT_GRAPH", new long[0]);
        ModelGuess tf2 = ModelGuess.of(keras);
        assertNull(tf2.modelType());
        assertTrue(tf2.describe().startsWith("a TF2 object-based checkpoint (names like model/layer_with_weights-0/kernel/"), tf2.describe());

        ModelGuess other = ModelGuess.of(Map.of("encoder/embedding", new long[] {100, 8}, "global_step", new long[0]));
        assertEquals("no ResNet or EfficientNet variables (1 variable, e.g. encoder/embedding)", other.describe());

        Map<String, long[]> smallConvNet = new LinkedHashMap<>();
        smallConvNet.put("conv2d/kernel", new long[] {3, 3, 3, 16});
        smallConvNet.put("conv2d_1/kernel", new long[] {3, 3, 16, 32});
        smallConvNet.put("dense/kernel", new long[] {32, 10});
        assertEquals("a ResNet-like network (2 convolutions, 32 pooled features) that matches no resnet-18 … 200",
                ModelGuess.of(smallConvNet).describe());
    }
}

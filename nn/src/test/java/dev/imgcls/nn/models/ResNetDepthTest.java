package dev.imgcls.nn.models;

import dev.imgcls.nn.Model;
import dev.imgcls.nn.ModelFactory;
import dev.imgcls.nn.Variable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The depth table against the networks ResNet builds from it, which warm start's model guess relies on. */
class ResNetDepthTest {
    /** seed-spec §2.1: convolutions (stem and projections included) and pooled features per depth. */
    @ParameterizedTest
    @CsvSource({"18, 21, 512", "34, 37, 512", "50, 53, 2048", "101, 104, 2048", "152, 155, 2048", "200, 203, 2048"})
    void convolutionsAndPooledFeaturesFollowTheSpec(int depth, int convolutions, int features) {
        assertEquals(convolutions, ResNetDepth.of(depth).convolutions());
        assertEquals(features, ResNetDepth.of(depth).pooledFeatures());
    }

    /** Basic and bottleneck blocks; the deeper models only repeat them (and take long to build). */
    @ParameterizedTest
    @CsvSource({"18", "34", "50"})
    void theBuiltNetworkHasThoseConvolutionsAndFeatures(int depth) {
        ResNetDepth d = ResNetDepth.of(depth);
        Model model = ModelFactory.create("resnet-" + depth, 10, 1);
        List<Variable> kernels = model.variables().stream().filter(v -> v.name().matches("conv2d(_\\d+)?/kernel")).toList();
        assertEquals(d.convolutions(), kernels.size(), "conv2d kernels of resnet-" + depth);
        assertEquals(d.pooledFeatures(), model.variable("dense/kernel").shape().dims()[0], "dense input of resnet-" + depth);
    }

    @Test
    void everyReferenceDepthIsAModelType() {
        for (ResNetDepth d : ResNetDepth.ALL) {
            assertTrue(ModelFactory.MODEL_TYPES.contains("resnet-" + d.depth()), d.toString());
        }
        assertEquals(ModelFactory.MODEL_TYPES.stream().filter(t -> t.startsWith("resnet-")).count(), ResNetDepth.ALL.size());
    }

    @Test
    void anUnknownDepthNamesTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ResNetDepth.of(42));
        assertEquals("no ResNet of depth 42; choose one of 18, 34, 50, 101, 152, 200", e.getMessage());
    }
}

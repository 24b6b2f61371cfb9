package dev.imgcls.nn;

import dev.imgcls.tensor.Autograd;
import dev.imgcls.tensor.Generator;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.ops.LossOps;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every model of the reference list: shapes, a finite loss, and a gradient on every trainable variable. */
class ModelForwardBackwardTest {
    static List<String> modelTypes() {
        return ModelFactory.MODEL_TYPES;
    }

    @ParameterizedTest
    @MethodSource("modelTypes")
    void forwardAndBackwardAtSmallSize(String modelType) {
        Model model = ModelFactory.create(modelType, 5, 7);
        // The reference zero-initialises the last gamma of each ResNet block, which blocks the
        // gradient into that block's convolutions at step 0; give every gamma a value so this
        // test can see every gradient path.
        Generator g = new Generator(3);
        for (Variable v : model.variables()) {
            if (v.role() == Variable.Role.GAMMA) {
                v.assign(Tensor.randomUniform(g, 0.5, 1.5, v.shape().dims()));
            }
        }
        Tensor images = Tensor.randomUniform(new Generator(1), 0, 255, 2, 32, 32, 3);
        Tensor labels = Tensor.ofInts(new int[] {1, 4}, 2);
        // Drop-connect can drop a whole block for both samples of a batch of 2, which zeroes that
        // block's gradients; dropout is tested on its own, so this pass runs without it.
        Tensor logits = model.forward(images, Mode.trainWithoutDropout());
        assertArrayEquals(new int[] {2, 5}, logits.dims());
        Tensor loss = LossOps.softmaxCrossEntropyMean(logits, labels, 0.1);
        assertTrue(Double.isFinite(loss.item()), modelType + " loss " + loss.item());
        loss.backward();
        for (Variable v : model.trainableVariables()) {
            assertNotNull(v.value().grad(), v.name() + " has no gradient");
            double sq = 0;
            for (float x : v.value().grad().toFloatArray()) {
                assertTrue(Float.isFinite(x), v.name());
                sq += x * x;
            }
            assertTrue(sq > 0, v.name() + " has an all-zero gradient");
        }
        try (Autograd.Scope ng = Autograd.noGrad()) {
            Tensor eval = model.forward(Tensor.randomUniform(new Generator(4), 0, 255, 1, 40, 40, 3), Mode.EVAL);
            assertArrayEquals(new int[] {1, 5}, eval.dims());
        }
    }
}

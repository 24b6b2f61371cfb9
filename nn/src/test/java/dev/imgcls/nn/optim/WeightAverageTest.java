package dev.imgcls.nn.optim;

import dev.imgcls.nn.Variable;
import dev.imgcls.nn.VariableStore;
import dev.imgcls.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The moving average against TF's ExponentialMovingAverage formula, written out by hand in doubles. */
class WeightAverageTest {
    /** A kernel's values after each of five training steps (the shadow starts at {@link #INITIAL}). */
    private static final double[][] VALUES = {{1.0, -2.0}, {1.5, -1.0}, {0.5, 0.0}, {2.0, 4.0}, {-1.0, 3.0}};
    private static final double[] INITIAL = {0.0, 1.0};

    @Test
    void fiveUpdatesFollowTheTensorFlowFormula() {
        // decay 0.3: (1+n)/(10+n) is 2/11 and 3/12 for n = 1, 2, then 0.3 wins from n = 3 (4/13 > 0.3): both branches.
        // shadow <- shadow - (1 - d)(shadow - value), by hand in doubles: 0 - (9/11)(0 - 1) = 0.8181..., then 0.8181... - 0.75(0.8181... - 1.5) ...
        double[][] expected = {
            {0.8181818181818181, -1.4545454545454541},
            {1.3295454545454546, -1.1136363636363635},
            {0.7488636363636364, -0.3340909090909091},
            {1.6246590909090908, 2.699772727272727},
            {-0.21260227272727272, 2.909931818181818}};
        VariableStore store = new VariableStore();
        Variable kernel = store.create("dense", "kernel", Variable.Role.KERNEL, Tensor.of(floats(INITIAL), 2));
        Variable mean = store.create("batch_normalization", "moving_mean", Variable.Role.MOVING_MEAN, Tensor.of(floats(INITIAL), 2));
        WeightAverage average = WeightAverage.create(List.of(kernel, mean), 0.3);
        for (int step = 0; step < 5; step++) {
            kernel.assign(Tensor.of(floats(VALUES[step]), 2));
            mean.assign(Tensor.of(floats(VALUES[step]), 2));
            average.update(step + 1);
            Map<String, Tensor> state = average.state();
            assertArrayEquals(expected[step], state.get("dense/kernel/ExponentialMovingAverage").toDoubleArray(), 1e-6, "step " + step);
            assertArrayEquals(expected[step], state.get("batch_normalization/moving_mean/ExponentialMovingAverage").toDoubleArray(), 1e-6);
        }
        assertArrayEquals(VALUES[4], kernel.value().toDoubleArray(), 0, "training keeps the raw value");
    }

    @Test
    void theEffectiveDecayIsTensorFlowsFloat32Minimum() {
        assertEquals((float) (2.0 / 11), WeightAverage.effectiveDecay(0.9999f, 1));
        assertEquals(0.1f, WeightAverage.effectiveDecay(0.9999f, 0));
        assertEquals(0.9999f, WeightAverage.effectiveDecay(0.9999f, 1_000_000));
        assertEquals((1f + 5000f) / (10f + 5000f), WeightAverage.effectiveDecay(0.9999f, 5000));
    }

    @Test
    void aSwapPutsTheAveragesInAndTheSameRawValuesBack() {
        VariableStore store = new VariableStore();
        Variable kernel = store.create("dense", "kernel", Variable.Role.KERNEL, Tensor.of(new float[] {1, 2}, 2));
        WeightAverage average = WeightAverage.create(List.of(kernel), 0.9999);
        kernel.assign(Tensor.of(new float[] {11, 22}, 2));
        average.update(1); // d = 2/11: shadow = 1 + 9/11·10, 2 + 9/11·20
        float[] shadow = average.state().get("dense/kernel/ExponentialMovingAverage").toFloatArray();
        try (WeightAverage.Swap swap = average.swapIn()) {
            assertArrayEquals(shadow, kernel.value().toFloatArray());
            assertTrue(kernel.value().requiresGrad(), "still a trainable leaf");
        }
        assertArrayEquals(new float[] {11, 22}, kernel.value().toFloatArray());
        assertArrayEquals(shadow, average.state().get("dense/kernel/ExponentialMovingAverage").toFloatArray(), "the shadow survives the swap");
        assertEquals(1 + 9.0 / 11 * 10, shadow[0], 1e-5);
    }

    @Test
    void restoreTakesTheShadowsOrRestartsThemWhenTheCheckpointHasNone() {
        VariableStore store = new VariableStore();
        Variable kernel = store.create("dense", "kernel", Variable.Role.KERNEL, Tensor.of(new float[] {1, 2}, 2));
        Variable bias = store.create("dense", "bias", Variable.Role.BIAS, Tensor.of(new float[] {3}, 1));
        WeightAverage average = WeightAverage.create(List.of(kernel, bias), 0.99);
        assertTrue(average.restore(Map.of("dense/kernel/ExponentialMovingAverage", Tensor.of(new float[] {5, 6}, 2),
                "dense/bias/ExponentialMovingAverage", Tensor.of(new float[] {7}, 1))));
        assertArrayEquals(new float[] {5, 6}, average.state().get("dense/kernel/ExponentialMovingAverage").toFloatArray());

        kernel.assign(Tensor.of(new float[] {8, 9}, 2));
        assertFalse(average.restore(Map.of("dense/kernel", Tensor.of(new float[] {8, 9}, 2))), "no shadows: start from the values");
        assertArrayEquals(new float[] {8, 9}, average.state().get("dense/kernel/ExponentialMovingAverage").toFloatArray());

        IllegalArgumentException partial = assertThrows(IllegalArgumentException.class,
                () -> average.restore(Map.of("dense/kernel/ExponentialMovingAverage", Tensor.of(new float[] {5, 6}, 2))));
        assertEquals("the checkpoint lacks 1 of the 2 moving-average shadows, e.g. [dense/bias/ExponentialMovingAverage]",
                partial.getMessage());
    }

    @Test
    void decayZeroKeepsNoShadows() {
        VariableStore store = new VariableStore();
        Variable kernel = store.create("dense", "kernel", Variable.Role.KERNEL, Tensor.of(new float[] {1, 2}, 2));
        WeightAverage off = WeightAverage.create(List.of(kernel), 0);
        assertSame(WeightAverage.off(), off);
        assertFalse(off.enabled());
        off.update(1);
        assertTrue(off.state().isEmpty());
        assertThrows(IllegalArgumentException.class, () -> WeightAverage.create(List.of(kernel), 1.0));
    }

    private static float[] floats(double[] values) {
        float[] f = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            f[i] = (float) values[i];
        }
        return f;
    }
}

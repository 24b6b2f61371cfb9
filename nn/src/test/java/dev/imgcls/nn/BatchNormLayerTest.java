package dev.imgcls.nn;

import dev.imgcls.nn.layers.BatchNorm;
import dev.imgcls.tensor.Generator;
import dev.imgcls.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class BatchNormLayerTest {
    private static final float[] X = {1, 10, 3, 20, 5, 60, 7, 30}; // [4, 2]: channel 0 = 1,3,5,7; channel 1 = 10,20,60,30

    @Test
    void trainingUsesBatchStatisticsAndMovesTheAverages() {
        VariableStore store = new VariableStore();
        BatchNorm bn = new BatchNorm(store, new BatchNorm.Config("batch_normalization", 0.9, 1e-5, false), 2, false);
        Tensor y = bn.forward(Tensor.of(X, 4, 2), Mode.train(new Generator(1)));
        // channel 0: mean 4, biased variance 5 → (x−4)/sqrt(5+1e-5)
        double s = Math.sqrt(5 + 1e-5);
        assertEquals((1 - 4) / s, y.toFloatArray()[0], 1e-5);
        assertEquals((7 - 4) / s, y.toFloatArray()[6], 1e-5);
        // moving ← 0.9·moving + 0.1·batch: mean 0→0.4 and 0→3.0; variance 1→0.9+0.1·5=1.4 and 0.9+0.1·350=35.9
        assertArrayEquals(new float[] {0.4f, 3.0f}, store.all().get(2).value().toFloatArray(), 1e-5f);
        assertArrayEquals(new float[] {1.4f, 35.9f}, store.all().get(3).value().toFloatArray(), 1e-4f);
    }

    @Test
    void fusedResNetConventionKeepsBesselsCorrectionInTheMovingVariance() {
        VariableStore store = new VariableStore();
        BatchNorm bn = new BatchNorm(store, new BatchNorm.Config("batch_normalization", 0.9, 1e-5, true), 2, false);
        bn.forward(Tensor.of(X, 4, 2), Mode.train(new Generator(1)));
        // unbiased variance = biased·4/3: 20/3 and 1400/3
        assertArrayEquals(new float[] {0.9f + 0.1f * 20 / 3, 0.9f + 0.1f * 1400 / 3}, store.all().get(3).value().toFloatArray(), 1e-4f);
    }

    @Test
    void evaluationUsesTheMovingAverages() {
        VariableStore store = new VariableStore();
        BatchNorm bn = new BatchNorm(store, new BatchNorm.Config("tpu_batch_normalization", 0.99, 1e-3, false), 2, false);
        store.all().get(2).assign(Tensor.of(new float[] {1, 2}, 2));
        store.all().get(3).assign(Tensor.of(new float[] {4, 9}, 2));
        float[] y = bn.forward(Tensor.of(X, 4, 2), Mode.EVAL).toFloatArray();
        assertEquals((1 - 1) / Math.sqrt(4.001), y[0], 1e-6);
        assertEquals((20 - 2) / Math.sqrt(9.001), y[3], 1e-5);
        assertArrayEquals(new float[] {1, 2}, store.all().get(2).value().toFloatArray(), 0f, "eval leaves the averages alone");
    }

    @Test
    void referenceInitialisationOfTheLastGammaOfEachResNetBlockIsZero() {
        Model m = ModelFactory.create("resnet-50", 10, 1);
        assertArrayEquals(new float[256], m.variable("batch_normalization_4/gamma").value().toFloatArray(), 0f);
        assertEquals(1f, m.variable("batch_normalization_3/gamma").value().toFloatArray()[0], 0f);
        assertEquals(1f, m.variable("batch_normalization_1/gamma").value().toFloatArray()[0], 0f, "projection BN is not zero-initialised");
    }
}

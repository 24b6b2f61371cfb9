package dev.imgcls.train.optim;

import dev.imgcls.nn.Variable;
import dev.imgcls.nn.VariableStore;
import dev.imgcls.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class TrainingLossTest {
    private final VariableStore store = new VariableStore();
    private final Variable kernel = store.create("dense", "kernel", Variable.Role.KERNEL, Tensor.of(new float[] {0.5f, -1, 2, 0.25f}, 2, 2));
    private final Variable bias = store.create("dense", "bias", Variable.Role.BIAS, Tensor.of(new float[] {0.3f, -0.7f}, 2));
    private final Variable gamma = store.create("batch_normalization", "gamma", Variable.Role.GAMMA, Tensor.of(new float[] {1.5f, 3}, 2));
    private final Variable movingMean = store.create("batch_normalization", "moving_mean", Variable.Role.MOVING_MEAN,
            Tensor.of(new float[] {4, 5}, 2));

    private static final float[] LOGITS = {1.0f, 2.0f, -0.5f, 0.3f, 0.1f, 0.2f};
    private static final int[] LABELS = {2, 0};

    /** tf.losses.softmax_cross_entropy with label smoothing, batch mean, in double. */
    private static double crossEntropy(double smoothing) {
        double total = 0;
        for (int row = 0; row < 2; row++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < 3; c++) {
                max = Math.max(max, LOGITS[row * 3 + c]);
            }
            double sum = 0;
            for (int c = 0; c < 3; c++) {
                sum += Math.exp(LOGITS[row * 3 + c] - max);
            }
            for (int c = 0; c < 3; c++) {
                double target = (c == LABELS[row] ? 1 - smoothing : 0) + smoothing / 3;
                total -= target * (LOGITS[row * 3 + c] - max - Math.log(sum));
            }
        }
        return total / 2;
    }

    @Test
    void crossEntropyPlusWeightDecayOverKernelsAndBiasesOnly() {
        double l2 = (0.25 + 1 + 4 + 0.0625 + 0.09 + 0.49) / 2;
        TrainingLoss loss = TrainingLoss.compute(Tensor.of(LOGITS, 2, 3), Tensor.ofInts(LABELS, 2), 0.1, 0.01, store.all());
        assertEquals(crossEntropy(0.1), loss.crossEntropy().item(), 1e-6);
        assertEquals(l2, loss.l2().item(), 1e-6);
        assertEquals(crossEntropy(0.1) + 0.01 * l2, loss.total().item(), 1e-6);
    }

    @Test
    void weightDecayAddsItsGradientToDecayedVariablesOnly() {
        Tensor logits = Tensor.of(LOGITS, 2, 3);
        // Make the logits depend on nothing: the only gradients come from the l2 term.
        TrainingLoss loss = TrainingLoss.compute(logits, Tensor.ofInts(LABELS, 2), 0, 0.5, store.all());
        loss.total().backward();
        assertArrayEquals(new float[] {0.25f, -0.5f, 1, 0.125f}, kernel.value().grad().toFloatArray(), 1e-7f);
        assertArrayEquals(new float[] {0.15f, -0.35f}, bias.value().grad().toFloatArray(), 1e-7f);
        assertEquals(null, gamma.value().grad());
        assertEquals(null, movingMean.value().grad());
    }

    @Test
    void withoutWeightDecayTheTotalIsTheCrossEntropy() {
        TrainingLoss loss = TrainingLoss.compute(Tensor.of(LOGITS, 2, 3), Tensor.ofInts(LABELS, 2), 0, 0, store.all());
        assertSame(loss.crossEntropy(), loss.total());
        assertEquals(crossEntropy(0), loss.total().item(), 1e-6);
        assertEquals(0, loss.l2().item());
        assertEquals(null, kernel.value().grad());
    }

    @Test
    void aNegativeWeightDecayIsRejected() {
        assertEquals("weight_decay must be a finite number >= 0, got -1.0",
                org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                        () -> TrainingLoss.compute(Tensor.of(LOGITS, 2, 3), Tensor.ofInts(LABELS, 2), 0, -1, List.of())).getMessage());
    }
}

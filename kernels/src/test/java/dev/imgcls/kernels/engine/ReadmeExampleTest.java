package dev.imgcls.kernels.engine;

import dev.imgcls.tensor.Generator;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.ops.ConvOps;
import dev.imgcls.tensor.ops.LossOps;
import dev.imgcls.tensor.ops.Padding;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's tensor example, verbatim, so the documentation cannot rot. */
class ReadmeExampleTest {
    @Test
    void readmeExampleRunsAndProducesGradients() {
        Generator gen = new Generator(42);
        Tensor x = Tensor.randomNormal(gen, 0, 1, 8, 32, 32, 3);
        Tensor w = Tensor.truncatedNormal(gen, 0, 0.1, 3, 3, 3, 16).requiresGrad(true);
        Tensor b = Tensor.zeros(16).requiresGrad(true);
        Tensor labels = Tensor.ofInts(new int[] {0, 1, 2, 3, 4, 5, 6, 7}, 8);

        Tensor h = ConvOps.conv2d(x, w, 2, Padding.SAME).add(b).relu();
        Tensor logits = h.mean(1, 2).matmul(Tensor.randomNormal(gen, 0, 0.1, 16, 10));
        Tensor loss = LossOps.softmaxCrossEntropyMean(logits, labels, 0.1);
        loss.backward();

        float[] dw = w.grad().toFloatArray();
        assertArrayEquals(new int[] {8, 16, 16, 16}, h.dims());
        assertTrue(Double.isFinite(loss.item()) && loss.item() > 0);
        double norm = 0;
        for (float v : dw) {
            norm += v * v;
        }
        assertTrue(norm > 0, "filter gradient is non-zero");
        assertArrayEquals(new int[] {16}, b.grad().dims());
    }
}

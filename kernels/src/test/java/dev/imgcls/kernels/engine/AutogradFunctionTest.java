package dev.imgcls.kernels.engine;

import dev.imgcls.tensor.Autograd;
import dev.imgcls.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Autograd#function}: a step outside the kernel ops joins the graph through its own backward rule. */
class AutogradFunctionTest {
    /** f(a, b) = (3a, a + b) inside loss = Σ f0·c + Σ f1²: the chain rule through the custom backward. */
    @Test
    void gradientsFlowThroughTheCustomBackward() {
        Tensor a = Tensor.of(new float[] {1, -2}, 2).requiresGrad(true);
        Tensor b = Tensor.of(new float[] {0.5f, 4}, 2).requiresGrad(true);
        Tensor c = Tensor.of(new float[] {2, 3}, 2);
        int[] backwardCalls = {0};
        Tensor[] f = Autograd.function("scale_and_add", new Tensor[] {a, b},
                in -> new Tensor[] {in[0].mul(3.0), in[0].add(in[1])},
                g -> {
                    backwardCalls[0]++;
                    Tensor da = g[0].mul(3.0).add(g[1]);
                    return new Tensor[] {da, g[1].copy()};
                });
        assertArrayEquals(new float[] {3, -6}, f[0].toFloatArray());
        assertArrayEquals(new float[] {1.5f, 2}, f[1].toFloatArray());
        f[0].mul(c).sum().add(f[1].mul(f[1]).sum()).backward();
        assertTrue(backwardCalls[0] == 1, "backward ran once, ran " + backwardCalls[0]);
        // d/da = 3c + 2(a + b), d/db = 2(a + b)
        assertArrayEquals(new float[] {6 + 3, 9 + 4}, a.grad().toFloatArray(), 1e-6f);
        assertArrayEquals(new float[] {3, 4}, b.grad().toFloatArray(), 1e-6f);
    }

    @Test
    void nothingIsRecordedWithoutGradients() {
        Tensor a = Tensor.of(new float[] {1, 2}, 2);
        Tensor[] f = Autograd.function("twice", new Tensor[] {a}, in -> new Tensor[] {in[0].mul(2.0)},
                g -> {
                    throw new AssertionError("no backward without gradients");
                });
        assertFalse(f[0].requiresGrad());
        assertArrayEquals(new float[] {2, 4}, f[0].toFloatArray());
    }

    @Test
    void returningAnInputIsRefused() {
        Tensor a = Tensor.of(new float[] {1}, 1).requiresGrad(true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Autograd.function("same", new Tensor[] {a}, in -> in, g -> g));
        assertTrue(e.getMessage().contains("same"), e.getMessage());
    }
}

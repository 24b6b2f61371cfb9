package dev.imgcls.kernels.engine;

import dev.imgcls.tensor.Autograd;
import dev.imgcls.tensor.Generator;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.ops.LinalgOps;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AutogradTest {
    /** h = relu(x·W1 + b1), y = h·W2, loss = ½Σy²: gradients against the chain rule written out by hand. */
    @Test
    void twoLayerNetworkMatchesHandDerivedGradients() {
        Generator g = new Generator(11);
        int n = 4, d = 3, hdim = 5, o = 2;
        Tensor x = Tensor.randomNormal(g, 0, 1, n, d);
        Tensor w1 = Tensor.randomNormal(g, 0, 1, d, hdim).requiresGrad(true);
        Tensor b1 = Tensor.randomNormal(g, 0, 1, hdim).requiresGrad(true);
        Tensor w2 = Tensor.randomNormal(g, 0, 1, hdim, o).requiresGrad(true);

        Tensor z = x.matmul(w1).add(b1);
        Tensor y = z.relu().matmul(w2);
        y.mul(y).sum().mul(0.5).backward();

        double[][] X = rows(x, n, d), W1 = rows(w1, d, hdim), W2 = rows(w2, hdim, o);
        double[] B1 = b1.toDoubleArray();
        double[][] Z = new double[n][hdim], H = new double[n][hdim], Y = new double[n][o];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < hdim; j++) {
                double s = B1[j];
                for (int k = 0; k < d; k++) {
                    s += X[i][k] * W1[k][j];
                }
                Z[i][j] = s;
                H[i][j] = Math.max(0, s);
            }
            for (int j = 0; j < o; j++) {
                for (int k = 0; k < hdim; k++) {
                    Y[i][j] += H[i][k] * W2[k][j];
                }
            }
        }
        double[] dW2 = new double[hdim * o], dW1 = new double[d * hdim], dB1 = new double[hdim];
        for (int i = 0; i < n; i++) {
            double[] dH = new double[hdim];
            for (int k = 0; k < hdim; k++) {
                for (int j = 0; j < o; j++) {
                    dW2[k * o + j] += H[i][k] * Y[i][j];
                    dH[k] += Y[i][j] * W2[k][j];
                }
            }
            for (int k = 0; k < hdim; k++) {
                double dZ = Z[i][k] > 0 ? dH[k] : 0;
                dB1[k] += dZ;
                for (int m = 0; m < d; m++) {
                    dW1[m * hdim + k] += X[i][m] * dZ;
                }
            }
        }
        assertArrayEquals(dW2, w2.grad().toDoubleArray(), 1e-4);
        assertArrayEquals(dW1, w1.grad().toDoubleArray(), 1e-4);
        assertArrayEquals(dB1, b1.grad().toDoubleArray(), 1e-4);
    }

    @Test
    void gradientsAccumulateUntilZeroed() {
        Tensor w = Tensor.of(new float[] {1, 2, 3}, 3).requiresGrad(true);
        w.mul(w).sum().backward();
        w.mul(w).sum().backward();
        assertArrayEquals(new float[] {4, 8, 12}, w.grad().toFloatArray(), 1e-6f);
        w.zeroGrad();
        assertNull(w.grad());
        w.sum().backward();
        assertArrayEquals(new float[] {1, 1, 1}, w.grad().toFloatArray(), 0f);
    }

    @Test
    void noGradScopeRecordsNothing() {
        Tensor w = Tensor.ones(2, 2).requiresGrad(true);
        Tensor y;
        try (Autograd.Scope ng = Autograd.noGrad()) {
            y = w.matmul(w).sum();
            assertFalse(Autograd.isRecording());
        }
        assertTrue(Autograd.isRecording());
        assertFalse(y.requiresGrad());
        assertTrue(y.isLeaf());
        assertThrows(IllegalStateException.class, y::backward);
    }

    @Test
    void sharedSubexpressionGetsBothContributions() {
        Tensor a = Tensor.of(new float[] {3}, 1).requiresGrad(true);
        Tensor b = a.mul(a);              // used twice below
        b.add(b).sum().backward();        // d(2a²)/da = 4a
        assertArrayEquals(new float[] {12}, a.grad().toFloatArray(), 1e-6f);
    }

    @Test
    void secondBackwardThroughFreedGraphFails() {
        Tensor a = Tensor.of(new float[] {1, 2}, 2).requiresGrad(true);
        Tensor loss = LinalgOps.matmul(a.reshape(1, 2), a.reshape(2, 1), false, false).sum();
        loss.backward();
        assertThrows(IllegalStateException.class, loss::backward);
    }

    @Test
    void deepChainDoesNotOverflowTheStack() {
        Tensor a = Tensor.of(new float[] {1}, 1).requiresGrad(true);
        Tensor t = a;
        for (int i = 0; i < 20000; i++) {
            t = t.add(Tensor.scalar(0.0f));
        }
        t.sum().backward();
        assertArrayEquals(new float[] {1}, a.grad().toFloatArray(), 0f);
    }

    /** The first convolution of a network sees the image, which needs no gradient: its input gradient is never computed. */
    @Test
    void convolutionSkipsTheGradientOfAnInputThatNeedsNone() {
        java.util.List<String> ran = new java.util.ArrayList<>();
        dev.imgcls.tensor.spi.Backend cpu = dev.imgcls.kernels.testing.OpCheck.CPU;
        dev.imgcls.kernels.host.HostBackend counting = new dev.imgcls.kernels.host.HostBackend() {
            @Override
            public String name() {
                return "counting";
            }

            @Override
            public int priority() {
                return -1;
            }

            @Override
            public <A> dev.imgcls.tensor.spi.Kernel<A> kernel(dev.imgcls.tensor.OpDef<A> op) {
                dev.imgcls.tensor.spi.Kernel<A> k = cpu.kernel(op);
                return (attrs, in, out) -> {
                    ran.add(op.name());
                    k.run(attrs, in, out);
                };
            }
        };
        Generator g = new Generator(5);
        Tensor image = Tensor.randomNormal(g, 0, 1, 1, 6, 6, 3);
        Tensor w = Tensor.randomNormal(g, 0, 1, 3, 3, 3, 4).requiresGrad(true);
        try (Autograd.Scope use = dev.imgcls.tensor.Backends.use(counting)) {
            dev.imgcls.tensor.ops.ConvOps.conv2d(image, w, 1, dev.imgcls.tensor.ops.Padding.SAME).sum().backward();
        }
        assertTrue(ran.contains("conv2d_backprop_filter"), ran.toString());
        assertFalse(ran.contains("conv2d_backprop_input"), ran.toString());
        assertNull(image.grad());
    }

    private static double[][] rows(Tensor t, int r, int c) {
        double[] v = t.toDoubleArray();
        double[][] out = new double[r][c];
        for (int i = 0; i < r; i++) {
            System.arraycopy(v, i * c, out[i], 0, c);
        }
        return out;
    }
}

package dev.imgcls.kernels.ops;

import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.ops.ElementwiseOps;
import org.junit.jupiter.api.Test;

import static dev.imgcls.kernels.testing.OpCheck.compareBackendsWithGrad;
import static dev.imgcls.kernels.testing.OpCheck.gradCheck;
import static dev.imgcls.kernels.testing.OpCheck.randn;
import static dev.imgcls.kernels.testing.OpCheck.uniform;

class ElementwiseOpsTest {
    @Test
    void binaryOpsBroadcastAndDifferentiate() {
        Tensor a = randn(1, 2, 3, 5);
        Tensor b = randn(2, 3, 1);
        Tensor c = uniform(3, 0.5, 2.0, 5);
        gradCheck(x -> x[0].add(x[1]), a, b);
        gradCheck(x -> x[0].sub(x[1]), a, c);
        gradCheck(x -> x[0].mul(x[1]), b, a);
        gradCheck(x -> x[0].div(x[1]), a, c);
        gradCheck(x -> x[1].div(x[0]), c, randn(4, 1, 1, 5));
    }

    @Test
    void unaryOpsDifferentiate() {
        gradCheck(x -> x[0].neg(), randn(5, 4, 7));
        gradCheck(x -> ElementwiseOps.identity(x[0]), randn(6, 9));
        gradCheck(x -> x[0].relu(), awayFromZero(randn(7, 3, 11)));
    }

    @Test
    void cpuMatchesReference() {
        // Odd sizes, scalar and per-channel broadcasting, a middle-axis broadcast, batch 1.
        Tensor x = randn(10, 1, 7, 5, 19);
        Tensor[] others = {randn(11, 1, 7, 5, 19), randn(12, 19), randn(13, 1), randn(14, 7, 1, 19), randn(15, 5, 1)};
        for (Tensor o : others) {
            compareBackendsWithGrad(t -> t[0].add(t[1]), 1e-6, x, o);
            compareBackendsWithGrad(t -> t[0].sub(t[1]), 1e-6, x, o);
            compareBackendsWithGrad(t -> t[0].mul(t[1]), 1e-6, x, o);
            compareBackendsWithGrad(t -> t[0].div(t[1].mul(t[1]).add(0.5)), 1e-5, x, o);
            compareBackendsWithGrad(t -> t[1].add(t[0]), 1e-6, x, o);
        }
        compareBackendsWithGrad(t -> t[0].relu().neg(), 1e-6, randn(16, 3, 33, 17));
        compareBackendsWithGrad(t -> ElementwiseOps.identity(t[0]), 1e-6, randn(17, 100003));
    }

    /** Moves values out of (-0.05, 0.05) so finite differences never straddle a kink at 0. */
    static Tensor awayFromZero(Tensor t) {
        float[] v = t.toFloatArray();
        for (int i = 0; i < v.length; i++) {
            v[i] = v[i] >= 0 ? v[i] + 0.05f : v[i] - 0.05f;
        }
        return Tensor.of(v, t.dims());
    }
}

package dev.imgcls.kernels.cuda;

import static dev.imgcls.kernels.cuda.CudaTestSupport.CUDA;
import static dev.imgcls.kernels.cuda.CudaTestSupport.GPU;
import static dev.imgcls.kernels.cuda.CudaTestSupport.onHost;
import static dev.imgcls.kernels.testing.OpCheck.randn;

import dev.imgcls.kernels.testing.OpCheck;
import dev.imgcls.tensor.Autograd;
import dev.imgcls.tensor.Backends;
import dev.imgcls.tensor.DType;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.ops.Padding;
import dev.imgcls.tensor.ops.PoolOps;
import dev.imgcls.tensor.ops.PoolOps.PoolAttrs;
import dev.imgcls.tensor.spi.TensorAccess;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The binding's pooling calls, checked against our pool.cu kernels on a geometry cuDNN's symmetric
 * padding can express (3×3/2 SAME on an odd image: one pixel each side) and on inputs without ties.
 * The backend runs pooling on our kernels (see CudaPoolKernels); this keeps the bound calls honest.
 * SKIPPED with the reason when no usable GPU is present.
 */
class CudnnPoolingBindingTest {
    @BeforeEach
    void requireGpu() {
        CudaTestSupport.requireGpu();
    }

    private static long address(Tensor t) {
        return CudaTensors.storage(t).address();
    }

    private static Tensor empty(Tensor like) {
        return TensorAccess.fromStorage(like.shape(), CUDA.allocate(DType.FLOAT32, like.numel()));
    }

    @Test
    void cudnnPoolingAgreesWithOurKernels() {
        CudaContext c = CUDA.context();
        PoolAttrs attrs = PoolAttrs.of(3, 2, Padding.SAME);
        Tensor x = randn(1300, 2, 9, 9, 5).toDevice(GPU);
        Tensor dy = randn(1301, 2, 5, 5, 5).toDevice(GPU);
        long xDesc = c.cudnnPlans().tensor(Cudnn.TENSOR_NHWC, 2, 5, 9, 9);
        long yDesc = c.cudnnPlans().tensor(Cudnn.TENSOR_NHWC, 2, 5, 5, 5);
        for (int mode : new int[] {Cudnn.POOLING_MAX_DETERMINISTIC, Cudnn.POOLING_AVERAGE_COUNT_EXCLUDE_PADDING}) {
            boolean max = mode == Cudnn.POOLING_MAX_DETERMINISTIC;
            long pool = Cudnn.createPooling(mode, Cudnn.PROPAGATE_NAN, 3, 3, 1, 1, 2, 2);
            try (Autograd.Scope ignored = Backends.use(CUDA); Autograd.Scope ng = Autograd.noGrad()) {
                Tensor ours = max ? PoolOps.maxPool(x, attrs) : PoolOps.avgPool(x, attrs);
                Tensor theirs = empty(ours);
                Cudnn.poolingForward(c.cudnn(), pool, xDesc, address(x), yDesc, address(theirs));
                OpCheck.assertClose(onHost(ours), onHost(theirs), 1e-6, (max ? "max" : "avg") + " pool");

                Tensor oursGrad = max ? PoolOps.MAX_POOL_GRAD.apply1(attrs, x, ours, dy)
                        : PoolOps.AVG_POOL_GRAD.apply1(new PoolOps.PoolGradAttrs(attrs, x.shape()), dy);
                Tensor theirsGrad = empty(x);
                Cudnn.poolingBackward(c.cudnn(), pool, yDesc, address(ours), yDesc, address(dy), xDesc, address(x), xDesc,
                        address(theirsGrad));
                OpCheck.assertClose(onHost(oursGrad), onHost(theirsGrad), 1e-6, (max ? "max" : "avg") + " pool gradient");
            } finally {
                Cudnn.destroyPooling(pool);
            }
        }
    }
}

package dev.imgcls.kernels.cuda;

import static dev.imgcls.kernels.cuda.CudaScratch.address;
import static dev.imgcls.kernels.cuda.CudaScratch.param;
import static dev.imgcls.kernels.cuda.CudaTensors.intArg;
import static dev.imgcls.kernels.cuda.CudaTensors.longArg;
import static dev.imgcls.kernels.cuda.CudaTensors.ptr;
import static dev.imgcls.kernels.cuda.CudaTensors.requireFloat32;
import static dev.imgcls.kernels.cuda.CudaTensors.storage;

import java.util.function.Supplier;

import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.ops.NormOps;
import dev.imgcls.tensor.spi.KernelTable;
import jcuda.Pointer;
import jcuda.Sizeof;

/**
 * batch_norm_train / batch_norm_infer / batch_norm_grad through cuDNN's batch-norm calls in
 * SPATIAL mode (statistics per channel over N·H·W), x as an NHWC descriptor ([N, C] is N×C×1×1).
 *
 * <p>Our op's outputs from cuDNN's: training returns the batch mean in cuDNN's running mean (with
 * averaging factor 1 and a zero-filled buffer, running = batch mean exactly), and the biased
 * variance is derived from cuDNN's Bessel-corrected running variance (× (M−1)/M, batchnorm.cu).
 * The gradient in training mode is cuDNN's backward with our mean and 1/sqrt(var + ε) as its saved
 * statistics; in inference mode (statistics independent of x) cuDNN has no call, so batchnorm.cu
 * computes it. cuDNN rejects ε below its CUDNN_BN_MIN_EPSILON; the error names the call.
 */
final class CudnnBatchNormKernels {
    static final String FILE = "batchnorm.cu";

    private CudnnBatchNormKernels() {
    }

    static void register(KernelTable table, Supplier<CudaContext> cuda) {
        table.put(NormOps.BATCH_NORM_TRAIN, (a, in, out) -> {
            requireFloat32("batch_norm_train", in);
            CudaContext c = cuda.get();
            Tensor x = in[0];
            int channels = x.dim(-1);
            long samples = x.numel() / channels;
            long xDesc = xDescriptor(c, x);
            try (CudaScratch s = new CudaScratch(c)) {
                // Zero-filled, as out[1] is: factor 1 gives running = 0·(1 − 1) + batch, never 0·garbage.
                CudaAllocator.Block runningVariance = s.zeros((long) channels * Sizeof.FLOAT);
                Cudnn.batchNormForwardTraining(c.cudnn(), Cudnn.BATCHNORM_SPATIAL, xDesc, storage(x).address(), xDesc,
                        storage(out[0]).address(), bnDescriptor(c, channels), storage(in[1]).address(), storage(in[2]).address(), 1.0,
                        storage(out[1]).address(), address(runningVariance), a.epsilon(), 0, 0);
                c.launch1d(FILE, "bn_biased_variance_f32", channels, param(runningVariance), ptr(out[2]), intArg(channels),
                        longArg(samples));
            }
        });
        table.put(NormOps.BATCH_NORM_INFER, (a, in, out) -> {
            requireFloat32("batch_norm_infer", in);
            CudaContext c = cuda.get();
            Tensor x = in[0];
            if (x.numel() == 0) {
                return;
            }
            long xDesc = xDescriptor(c, x);
            Cudnn.batchNormForwardInference(c.cudnn(), Cudnn.BATCHNORM_SPATIAL, xDesc, storage(x).address(), xDesc,
                    storage(out[0]).address(), bnDescriptor(c, x.dim(-1)), storage(in[1]).address(), storage(in[2]).address(),
                    storage(in[3]).address(), storage(in[4]).address(), a.epsilon());
        });
        table.put(NormOps.BATCH_NORM_GRAD, (a, in, out) -> {
            requireFloat32("batch_norm_grad", in);
            CudaContext c = cuda.get();
            Tensor dy = in[0];
            Tensor x = in[1];
            int channels = x.dim(-1);
            long rows = x.numel() / channels;
            if (rows == 0) {
                return;
            }
            if (a.training()) {
                long xDesc = xDescriptor(c, x);
                try (CudaScratch s = new CudaScratch(c)) {
                    CudaAllocator.Block invStd = s.allocate((long) channels * Sizeof.FLOAT);
                    c.launch1d(FILE, "bn_inv_std_f32", channels, ptr(in[4]), param(invStd), intArg(channels),
                            Pointer.to(new double[] {a.epsilon()}));
                    Cudnn.batchNormBackward(c.cudnn(), Cudnn.BATCHNORM_SPATIAL, xDesc, storage(x).address(), xDesc, storage(dy).address(),
                            xDesc, storage(out[0]).address(), bnDescriptor(c, channels), storage(in[2]).address(),
                            storage(out[1]).address(), storage(out[2]).address(), a.epsilon(), storage(in[3]).address(), address(invStd));
                }
            } else {
                Pointer eps = Pointer.to(new double[] {a.epsilon()});
                c.launch(FILE, "bn_infer_grad_reduce_f32", (channels + 31) / 32, 1, 32, 8, ptr(dy), ptr(x), ptr(in[3]), ptr(in[4]),
                        ptr(out[1]), ptr(out[2]), longArg(rows), intArg(channels), eps);
                c.launch1d(FILE, "bn_infer_grad_dx_f32", x.numel(), ptr(dy), ptr(in[2]), ptr(in[4]), ptr(out[0]), longArg(x.numel()),
                        intArg(channels), eps);
            }
        });
    }

    /** x ([N, H, W, C] or [N, C]) as a cuDNN NHWC descriptor. */
    static long xDescriptor(CudaContext c, Tensor x) {
        return x.rank() == 4
                ? c.cudnnPlans().tensor(Cudnn.TENSOR_NHWC, x.dim(0), x.dim(3), x.dim(1), x.dim(2))
                : c.cudnnPlans().tensor(Cudnn.TENSOR_NHWC, x.dim(0), x.dim(1), 1, 1);
    }

    /** The per-channel parameter descriptor 1×C×1×1. */
    static long bnDescriptor(CudaContext c, int channels) {
        return c.cudnnPlans().tensor(Cudnn.TENSOR_NCHW, 1, channels, 1, 1);
    }
}

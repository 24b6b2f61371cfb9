package dev.imgcls.kernels.cuda;

import static dev.imgcls.kernels.cuda.CudaTensors.floatArg;
import static dev.imgcls.kernels.cuda.CudaTensors.intArg;
import static dev.imgcls.kernels.cuda.CudaTensors.longArg;
import static dev.imgcls.kernels.cuda.CudaTensors.ptr;
import static dev.imgcls.kernels.cuda.CudaTensors.requireFloat32;

import java.util.Arrays;

import dev.imgcls.tensor.DType;
import dev.imgcls.tensor.Shape;
import dev.imgcls.tensor.Tensor;
import jcuda.Pointer;

/**
 * The training-step kernels that are not engine ops (they update tensors in place or draw random
 * numbers): TF1 optimizer updates, dropout / drop-connect masks reproducing the host
 * {@link dev.imgcls.tensor.Generator}, batch image normalisation, the bias gradient and the
 * cross-entropy backward. All tensors must live on this backend and be FLOAT32 (images may be UINT8).
 */
public final class CudaTrainingKernels {
    private final CudaBackend backend;

    public CudaTrainingKernels(CudaBackend backend) {
        this.backend = backend;
    }

    private Tensor empty(DType dtype, int... dims) {
        return Tensor.fromStorage(Shape.of(dims), backend.allocate(dtype, Shape.of(dims).numel()));
    }

    private static void requireSameShape(String op, Tensor... ts) {
        for (Tensor t : ts) {
            if (!t.shape().equals(ts[0].shape())) {
                throw new IllegalArgumentException(op + ": shapes differ: " + Arrays.toString(Arrays.stream(ts).map(Tensor::shape).toArray()));
            }
        }
    }

    /**
     * The 0/1 mask {@code floor(keep + u)} that {@code Generator(seed, position)} would give with
     * one nextFloat per element in row-major order; the caller's generator continues at
     * {@code position + numel} (as after RegularizationOps.dropout on the host).
     */
    public Tensor dropoutMask(long seed, long position, double rate, int... dims) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("drop rate must be in [0, 1), got " + rate);
        }
        Tensor mask = empty(DType.FLOAT32, dims);
        long n = mask.numel();
        backend.context().launch1d("random.cu", "dropout_mask_f32", n, ptr(mask), longArg(n), longArg(seed), longArg(position),
                floatArg((float) (1.0 - rate)));
        return mask;
    }

    /** x / keep · mask, the mask either x's shape (dropout) or one value per batch row (drop-connect). */
    public Tensor dropoutApply(Tensor x, Tensor mask, double rate) {
        requireFloat32("dropout", x, mask);
        if (x.rank() < 1 || x.numel() % Math.max(1, mask.numel()) != 0 || (mask.numel() != x.numel() && mask.numel() != x.dim(0))) {
            throw new IllegalArgumentException("dropout mask " + mask.shape() + " must match " + x.shape() + " or have one value per row");
        }
        Tensor y = empty(DType.FLOAT32, x.dims());
        long n = x.numel();
        long rowSize = mask.numel() == n ? 1 : n / Math.max(1, mask.numel());
        backend.context().launch1d("random.cu", "dropout_apply_f32", n, ptr(x), ptr(mask), ptr(y), longArg(n), longArg(rowSize),
                floatArg((float) (1.0 - rate)));
        return y;
    }

    /** TF1 ApplyMomentum, in place on var and accum. */
    public void momentumUpdate(Tensor var, Tensor accum, Tensor grad, double lr, double momentum, boolean nesterov) {
        requireFloat32("momentum", var, accum, grad);
        requireSameShape("momentum", var, accum, grad);
        long n = var.numel();
        backend.context().launch1d("optimizer.cu", "momentum_update_f32", n, ptr(var), ptr(accum), ptr(grad), longArg(n),
                floatArg((float) lr), floatArg((float) momentum), intArg(nesterov ? 1 : 0));
    }

    /** TF1 ApplyAdam at step t (1-based), in place on var, m and v; the bias correction is folded into lr. */
    public void adamUpdate(Tensor var, Tensor m, Tensor v, Tensor grad, double lr, double beta1, double beta2, double epsilon, long step) {
        requireFloat32("adam", var, m, v, grad);
        requireSameShape("adam", var, m, v, grad);
        if (step < 1) {
            throw new IllegalArgumentException("adam step is 1-based, got " + step);
        }
        double lrT = lr * Math.sqrt(1 - Math.pow(beta2, step)) / (1 - Math.pow(beta1, step));
        long n = var.numel();
        backend.context().launch1d("optimizer.cu", "adam_update_f32", n, ptr(var), ptr(m), ptr(v), ptr(grad), longArg(n),
                floatArg((float) lrT), floatArg((float) beta1), floatArg((float) beta2), floatArg((float) epsilon));
    }

    /** TF1 ApplyRMSProp (meanGrad null) or ApplyCenteredRMSProp, in place. */
    public void rmspropUpdate(Tensor var, Tensor ms, Tensor mom, Tensor meanGrad, Tensor grad, double lr, double rho, double momentum,
            double epsilon) {
        requireFloat32("rmsprop", var, ms, mom, grad);
        requireSameShape("rmsprop", var, ms, mom, grad);
        if (meanGrad != null) {
            requireFloat32("rmsprop", meanGrad);
            requireSameShape("rmsprop", var, meanGrad);
        }
        long n = var.numel();
        Pointer mg = meanGrad == null ? Pointer.to(new Pointer()) : ptr(meanGrad); // NULL: not read when not centered
        backend.context().launch1d("optimizer.cu", "rmsprop_update_f32", n, ptr(var), ptr(ms), ptr(mom), mg, ptr(grad), longArg(n),
                floatArg((float) lr), floatArg((float) rho), floatArg((float) momentum), floatArg((float) epsilon),
                intArg(meanGrad == null ? 0 : 1));
    }

    /** (x − mean[c]) / std[c] for an NHWC batch of FLOAT32 or UINT8 pixels; returns FLOAT32. */
    public Tensor normalizeImages(Tensor images, float[] mean, float[] std) {
        int channels = images.dim(-1);
        if (mean.length != channels || std.length != channels) {
            throw new IllegalArgumentException("mean/std need one value per channel (" + channels + "), got " + mean.length + "/" + std.length);
        }
        if (images.dtype() != DType.FLOAT32 && images.dtype() != DType.UINT8) {
            throw new IllegalArgumentException("images must be FLOAT32 or UINT8, got " + images.dtype());
        }
        Tensor m = Tensor.of(mean, channels).to(backend);
        Tensor s = Tensor.of(std, channels).to(backend);
        Tensor y = empty(DType.FLOAT32, images.dims());
        long n = images.numel();
        String kernel = images.dtype() == DType.UINT8 ? "normalize_images_u8" : "normalize_images_f32";
        backend.context().launch1d("image.cu", kernel, n, ptr(images), ptr(y), longArg(n), intArg(channels), ptr(m), ptr(s));
        m.release();
        s.release();
        return y;
    }

    /** Σ over every axis but the last of g [..., C]: the gradient of bias_add's bias. */
    public Tensor biasGradient(Tensor g) {
        requireFloat32("bias gradient", g);
        int channels = g.dim(-1);
        long rows = channels == 0 ? 0 : g.numel() / channels;
        Tensor db = empty(DType.FLOAT32, channels);
        if (channels > 0) {
            backend.context().launch("bias.cu", "bias_grad_f32", (channels + 31) / 32, 1, 32, 8, ptr(g), ptr(db), longArg(rows),
                    intArg(channels));
        }
        return db;
    }

    /** dlogits[n, c] = gLoss[n] · backprop[n, c] (the backward of the per-example cross-entropy). */
    public Tensor softmaxCrossEntropyBackward(Tensor backprop, Tensor gLoss) {
        requireFloat32("softmax_cross_entropy backward", backprop, gLoss);
        if (backprop.rank() != 2 || gLoss.rank() != 1 || gLoss.dim(0) != backprop.dim(0)) {
            throw new IllegalArgumentException("backprop [N, C] and gLoss [N] expected, got " + backprop.shape() + " and " + gLoss.shape());
        }
        Tensor d = empty(DType.FLOAT32, backprop.dims());
        backend.context().launch1d("loss.cu", "softmax_xent_backward_f32", d.numel(), ptr(backprop), ptr(gLoss), ptr(d),
                longArg(backprop.dim(0)), intArg(backprop.dim(1)));
        return d;
    }
}

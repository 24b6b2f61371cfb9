package dev.imgcls.tensor.ops;

import dev.imgcls.tensor.OpDef;
import dev.imgcls.tensor.Shape;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.TensorSpec;
import dev.imgcls.tensor.profile.OpKind;

/**
 * Spatial pooling over NHWC input, as TensorFlow's MaxPool / AvgPool. Padded pixels never take
 * part: max pooling ignores them and average pooling divides by the number of in-image pixels of
 * each window (TF's behaviour with {@code SAME}), not by kh·kw.
 */
public final class PoolOps {
    private PoolOps() {
    }

    /** Window and strides in pixels, and the padding rule. */
    public record PoolAttrs(int kernelH, int kernelW, int strideH, int strideW, Padding padding) {
        public PoolAttrs {
            if (kernelH < 1 || kernelW < 1 || strideH < 1 || strideW < 1) {
                throw new IllegalArgumentException("pool window " + kernelH + "x" + kernelW + " and strides " + strideH + "x" + strideW + " must be positive");
            }
            if (padding == null) {
                throw new IllegalArgumentException("padding is required");
            }
            if (padding.kind() == Padding.Kind.EXPLICIT && (Math.max(padding.top(), padding.bottom()) >= kernelH
                    || Math.max(padding.left(), padding.right()) >= kernelW)) {
                // Otherwise a window could lie entirely in the padding and have no value to pool.
                throw new IllegalArgumentException("explicit pool padding " + padding + " must be smaller than the window " + kernelH + "x" + kernelW);
            }
        }

        /** A square window with equal strides. */
        public static PoolAttrs of(int kernel, int stride, Padding padding) {
            return new PoolAttrs(kernel, kernel, stride, stride, padding);
        }

        /** Output shape and resolved padding for an NHWC input of shape {@code x}. */
        public PoolGeometry geometry(Shape x) {
            if (x.rank() != 4) {
                throw new IllegalArgumentException("pooling wants NHWC input of rank 4, got " + x);
            }
            Padding.Axis h = padding.along(true, x.dim(1), kernelH, strideH);
            Padding.Axis w = padding.along(false, x.dim(2), kernelW, strideW);
            return new PoolGeometry(x.dim(0), x.dim(1), x.dim(2), x.dim(3), kernelH, kernelW, h.out(), w.out(),
                    strideH, strideW, h.padBefore(), w.padBefore());
        }
    }

    /**
     * What a kernel needs: batch n, input h×w×c, window kh×kw, output oh×ow, strides and the
     * top/left padding. Window (i, j) covers input rows {@code [i·strideH − padTop, … + kh)}
     * clipped to the image, likewise for columns.
     */
    public record PoolGeometry(int n, int h, int w, int c, int kh, int kw, int oh, int ow,
                               int strideH, int strideW, int padTop, int padLeft) {
        public Shape inputShape() {
            return Shape.of(n, h, w, c);
        }

        public Shape outputShape() {
            return Shape.of(n, oh, ow, c);
        }

        /** First in-image input row of output row i. */
        public int rowStart(int i) {
            return Math.max(0, i * strideH - padTop);
        }

        /** One past the last in-image input row of output row i. */
        public int rowEnd(int i) {
            return Math.min(h, i * strideH - padTop + kh);
        }

        public int colStart(int j) {
            return Math.max(0, j * strideW - padLeft);
        }

        public int colEnd(int j) {
            return Math.min(w, j * strideW - padLeft + kw);
        }
    }

    /** Attrs of the gradient ops: the forward attrs and the forward input's shape. */
    public record PoolGradAttrs(PoolAttrs pool, Shape inputShape) {
    }

    private static TensorSpec[] poolShape(PoolAttrs a, TensorSpec[] in) {
        Specs.requireFloating(in[0], "input");
        return Specs.one(new TensorSpec(a.geometry(in[0].shape()).outputShape(), in[0].dtype()));
    }

    /** y[n,i,j,c] = max over the in-image pixels of window (i, j). */
    public static final OpDef<PoolAttrs> MAX_POOL = OpDef.<PoolAttrs>of("max_pool", 1, PoolOps::poolShape,
            (a, in, out, g, needsGrad) -> new Tensor[] {PoolOps.MAX_POOL_GRAD.apply1(a, in[0], out[0], g[0])})
            .profiledAs(OpKind.POOLING);

    /**
     * Inputs (x, y, dy) as TF's MaxPoolGrad; output dx. Each window's gradient goes to its first
     * maximum in scan order (rows, then columns), exactly one input per window, as TF's CPU
     * kernel does on ties. y is the forward output (backends built on cuDNN need it; the CPU
     * kernels locate the maximum from x).
     */
    public static final OpDef<PoolAttrs> MAX_POOL_GRAD = OpDef.<PoolAttrs>nonDifferentiable("max_pool_grad", 3,
            (a, in) -> {
                Specs.requireFloating(in[0], "input");
                Specs.requireSameDType(in[0], in[1]);
                Specs.requireSameDType(in[0], in[2]);
                Shape pooled = a.geometry(in[0].shape()).outputShape();
                if (!in[1].shape().equals(pooled) || !in[2].shape().equals(pooled)) {
                    throw new IllegalArgumentException("pool output " + in[1].shape() + " and its gradient " + in[2].shape()
                            + " must both have the pooled shape " + pooled);
                }
                return Specs.one(in[0]);
            })
            .profiledAs(OpKind.POOLING);

    /** y[n,i,j,c] = mean over the in-image pixels of window (i, j). */
    public static final OpDef<PoolAttrs> AVG_POOL = OpDef.<PoolAttrs>of("avg_pool", 1, PoolOps::poolShape,
            (a, in, out, g, needsGrad) -> new Tensor[] {PoolOps.AVG_POOL_GRAD.apply1(new PoolGradAttrs(a, in[0].shape()), g[0])})
            .profiledAs(OpKind.POOLING);

    /** Input dy; output dx of shape attrs.inputShape: each window spreads dy / (its in-image pixel count). */
    public static final OpDef<PoolGradAttrs> AVG_POOL_GRAD = OpDef.<PoolGradAttrs>nonDifferentiable("avg_pool_grad", 1,
            (a, in) -> {
                Specs.requireFloating(in[0], "gradient");
                Shape pooled = a.pool().geometry(a.inputShape()).outputShape();
                if (!in[0].shape().equals(pooled)) {
                    throw new IllegalArgumentException("gradient " + in[0].shape() + " does not match the pooled shape " + pooled);
                }
                return Specs.one(new TensorSpec(a.inputShape(), in[0].dtype()));
            })
            .profiledAs(OpKind.POOLING);

    /**
     * Max pooling of NHWC {@code x} with the window, strides and padding of {@code attrs}.
     * <pre>{@code Tensor y = PoolOps.maxPool(x, new PoolOps.PoolAttrs(3, 3, 2, 2, Padding.VALID));}</pre>
     */
    public static Tensor maxPool(Tensor x, PoolAttrs attrs) {
        return MAX_POOL.apply1(attrs, x);
    }

    /**
     * Max pooling of NHWC {@code x} with a square window and equal strides.
     * <pre>{@code Tensor y = PoolOps.maxPool(x, 3, 2, Padding.SAME); // ResNet's stem}</pre>
     */
    public static Tensor maxPool(Tensor x, int kernel, int stride, Padding padding) {
        return maxPool(x, PoolAttrs.of(kernel, stride, padding));
    }

    /**
     * Average pooling of NHWC {@code x}; each window is divided by its in-image pixel count.
     * <pre>{@code Tensor y = PoolOps.avgPool(x, PoolOps.PoolAttrs.of(2, 2, Padding.VALID));}</pre>
     */
    public static Tensor avgPool(Tensor x, PoolAttrs attrs) {
        return AVG_POOL.apply1(attrs, x);
    }

    /**
     * Average pooling of NHWC {@code x} with a square window and equal strides.
     * <pre>{@code Tensor y = PoolOps.avgPool(x, 2, 2, Padding.VALID);}</pre>
     */
    public static Tensor avgPool(Tensor x, int kernel, int stride, Padding padding) {
        return avgPool(x, PoolAttrs.of(kernel, stride, padding));
    }

    /**
     * Mean over H and W: [N,H,W,C] → [N,C]. Written as an average pool whose window is the whole
     * image (what ResNet's head does) so that it and its gradient run on the pooling kernels.
     * <pre>{@code Tensor features = PoolOps.globalAvgPool(lastBlock); // [n, 7, 7, 2048] -> [n, 2048]}</pre>
     */
    public static Tensor globalAvgPool(Tensor x) {
        if (x.rank() != 4) {
            throw new IllegalArgumentException("globalAvgPool wants NHWC input of rank 4, got " + x.shape());
        }
        if (x.dim(1) == 0 || x.dim(2) == 0) {
            throw new IllegalArgumentException("globalAvgPool of an empty image " + x.shape());
        }
        Tensor pooled = avgPool(x, new PoolAttrs(x.dim(1), x.dim(2), 1, 1, Padding.VALID));
        return ShapeOps.reshape(pooled, x.dim(0), x.dim(3));
    }
}

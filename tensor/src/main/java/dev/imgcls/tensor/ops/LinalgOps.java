package dev.imgcls.tensor.ops;

import dev.imgcls.tensor.NoAttrs;
import dev.imgcls.tensor.OpDef;
import dev.imgcls.tensor.Shape;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.TensorSpec;
import dev.imgcls.tensor.profile.OpKind;

/** Matrix products and the bias add that follows them. */
public final class LinalgOps {
    private LinalgOps() {
    }

    /** C = op(A)·op(B) with op = transpose when the flag is set; A and B are rank 2. */
    public record MatmulAttrs(boolean transposeA, boolean transposeB) {
    }

    public static final OpDef<MatmulAttrs> MATMUL = OpDef.<MatmulAttrs>of("matmul", 2,
            (a, in) -> {
                Specs.requireFloating(in[0], "A");
                Specs.requireSameDType(in[0], in[1]);
                Specs.requireRank(in[0], 2, "A");
                Specs.requireRank(in[1], 2, "B");
                int m = in[0].shape().dim(a.transposeA() ? 1 : 0);
                int ka = in[0].shape().dim(a.transposeA() ? 0 : 1);
                int kb = in[1].shape().dim(a.transposeB() ? 1 : 0);
                int n = in[1].shape().dim(a.transposeB() ? 0 : 1);
                if (ka != kb) {
                    throw new IllegalArgumentException("inner dimensions differ: A " + in[0].shape() + (a.transposeA() ? "ᵀ" : "")
                            + ", B " + in[1].shape() + (a.transposeB() ? "ᵀ" : ""));
                }
                return Specs.one(new TensorSpec(Shape.of(m, n), in[0].dtype()));
            },
            (a, in, out, g, needsGrad) -> {
                Tensor ga;
                Tensor gb;
                // C = A·B: dA = G·Bᵀ, dB = Aᵀ·G; the transposed cases follow by symmetry.
                if (!a.transposeA()) {
                    ga = matmul(g[0], in[1], false, !a.transposeB());
                } else {
                    ga = matmul(in[1], g[0], a.transposeB(), true);
                }
                if (!a.transposeB()) {
                    gb = matmul(in[0], g[0], !a.transposeA(), false);
                } else {
                    gb = matmul(g[0], in[0], true, a.transposeA());
                }
                return new Tensor[] {ga, gb};
            })
            .profiledAs(OpKind.MATMUL)
            .countingFlops(DenseFlops.MATMUL);

    /**
     * x + b with x {@code [..., C]} and b {@code [C]}, as TF's BiasAdd (NHWC): b is added along
     * the last axis. Backward: dx = g, db = g summed over every axis but the last.
     */
    public static final OpDef<NoAttrs> BIAS_ADD = OpDef.<NoAttrs>of("bias_add", 2,
            (a, in) -> {
                Specs.requireFloating(in[0], "input");
                Specs.requireSameDType(in[0], in[1]);
                Specs.requireRank(in[1], 1, "bias");
                if (in[0].shape().rank() < 1) {
                    throw new IllegalArgumentException("input must have rank >= 1, got a scalar");
                }
                int channels = in[0].shape().dim(-1);
                if (in[1].shape().dim(0) != channels) {
                    throw new IllegalArgumentException("bias " + in[1].shape() + " must match the last dimension (" + channels
                            + ") of input " + in[0].shape());
                }
                return Specs.one(in[0]);
            },
            (a, in, out, g, needsGrad) -> new Tensor[] {g[0], biasGradient(g[0])})
            .profiledAs(OpKind.ELEMENTWISE);

    /**
     * {@code op(a) · op(b)} for rank-2 tensors, where {@code op} transposes when its flag is set.
     * <pre>{@code Tensor dw = LinalgOps.matmul(x, dy, true, false); // xᵀ·dy}</pre>
     */
    public static Tensor matmul(Tensor a, Tensor b, boolean transposeA, boolean transposeB) {
        return MATMUL.apply1(new MatmulAttrs(transposeA, transposeB), a, b);
    }

    /**
     * Adds bias {@code b [C]} along the last axis of {@code x [..., C]} (TF's BiasAdd, NHWC).
     * <pre>{@code Tensor logits = LinalgOps.biasAdd(features.matmul(w), b);}</pre>
     */
    public static Tensor biasAdd(Tensor x, Tensor b) {
        return BIAS_ADD.apply1(NoAttrs.NONE, x, b);
    }

    /** The bias gradient: g summed over all axes but the last. */
    private static Tensor biasGradient(Tensor g) {
        if (g.rank() == 1) {
            return g;
        }
        int[] axes = new int[g.rank() - 1];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = i;
        }
        return ReduceOps.sum(g, false, axes);
    }
}

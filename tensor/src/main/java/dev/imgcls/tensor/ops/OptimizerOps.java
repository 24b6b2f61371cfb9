package dev.imgcls.tensor.ops;

import dev.imgcls.tensor.OpDef;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.TensorSpec;
import dev.imgcls.tensor.profile.OpKind;

/**
 * Optimizer update steps as single ops, so an update is one pass over the variable instead of
 * one pass per arithmetic step (four for momentum), each with its own output buffer.
 */
public final class OptimizerOps {
    private OptimizerOps() {
    }

    /**
     * @param learningRate this step's learning rate
     * @param momentum the accumulator's decay μ
     * @param nesterov TF1's {@code use_nesterov}
     */
    public record MomentumAttrs(double learningRate, double momentum, boolean nesterov) {
    }

    /**
     * TF1 {@code ApplyMomentum} on (variable w, accumulator a, gradient g), giving (w', a'):
     * {@code a' = a·μ + g}; {@code w' = w − a'·lr}, or with Nesterov {@code w' = w − (g·lr + a'·μ·lr)}.
     * FLOAT32 kernels round each step to float in exactly this order (μ and lr as floats), which
     * is what the same update written with mul/add/sub computes.
     */
    public static final OpDef<MomentumAttrs> APPLY_MOMENTUM = OpDef.<MomentumAttrs>nonDifferentiable("apply_momentum", 3, (a, in) -> {
        Specs.requireFloating(in[0], "variable");
        for (int i = 1; i < 3; i++) {
            Specs.requireSameDType(in[0], in[i]);
            if (!in[i].shape().equals(in[0].shape())) {
                throw new IllegalArgumentException((i == 1 ? "accumulator " : "gradient ") + in[i].shape()
                        + " does not match the variable " + in[0].shape());
            }
        }
        return new TensorSpec[] {in[0], in[0]};
    })
            .profiledAs(OpKind.OPTIMIZER);

    /**
     * @param stepRate Adam's bias-corrected rate lr·√(1 − β2^t)/(1 − β1^t), computed by the caller
     * @param beta1 decay of the first moment
     * @param beta2 decay of the second moment
     * @param epsilon added to √v
     */
    public record AdamAttrs(double stepRate, double beta1, double beta2, double epsilon) {
    }

    /**
     * TF1 {@code ApplyAdam} on (w, m, v, g), giving (w', m', v'): {@code m' = m + (g − m)·(1 − β1)},
     * {@code v' = v + (g·g − v)·(1 − β2)}, {@code w' = w − m'·rate / (√v' + ε)}; FLOAT32 kernels round
     * each step to float in this order (the constants as floats), as the same update written
     * with elementwise ops does.
     */
    public static final OpDef<AdamAttrs> APPLY_ADAM = OpDef.<AdamAttrs>nonDifferentiable("apply_adam", 4,
            (a, in) -> sameShapes(in, "first moment", "second moment", "gradient"))
            .profiledAs(OpKind.OPTIMIZER);

    /**
     * @param learningRate this step's learning rate
     * @param decay ρ, the mean square's decay
     * @param momentum the momentum slot's decay
     * @param epsilon added to the denominator
     * @param centered TF1's {@code centered}: subtract the squared mean gradient
     */
    public record RmsPropAttrs(double learningRate, double decay, double momentum, double epsilon, boolean centered) {
    }

    /**
     * TF1 {@code ApplyRMSProp} on (w, ms, mom, g) giving (w', ms', mom'), or centered
     * ({@code ApplyCenteredRMSProp}) on (w, ms, mom, mg, g) giving (w', ms', mom', mg'):
     * {@code ms' = ms + (g·g − ms)·(1 − ρ)}; centered: {@code mg' = mg + (g − mg)·(1 − ρ)},
     * {@code step = g·lr · 1/√(ms' − mg'·mg' + ε)}; else {@code step = g·lr / √(ms' + ε)};
     * {@code mom' = mom·μ + step}; {@code w' = w − mom'}. FLOAT32 kernels round in this order.
     */
    public static final OpDef<RmsPropAttrs> APPLY_RMSPROP = OpDef.<RmsPropAttrs>nonDifferentiable("apply_rmsprop", -1, (a, in) -> {
        int expected = a.centered() ? 5 : 4;
        if (in.length != expected) {
            throw new IllegalArgumentException((a.centered() ? "centered" : "plain") + " RMSProp takes " + expected + " inputs, got " + in.length);
        }
        return a.centered() ? sameShapes(in, "mean square", "momentum", "mean gradient", "gradient")
                : sameShapes(in, "mean square", "momentum", "gradient");
    })
            .profiledAs(OpKind.OPTIMIZER);

    private static TensorSpec[] sameShapes(TensorSpec[] in, String... names) {
        Specs.requireFloating(in[0], "variable");
        for (int i = 1; i < in.length; i++) {
            Specs.requireSameDType(in[0], in[i]);
            if (!in[i].shape().equals(in[0].shape())) {
                throw new IllegalArgumentException(names[i - 1] + " " + in[i].shape() + " does not match the variable " + in[0].shape());
            }
        }
        TensorSpec[] out = new TensorSpec[in.length - 1];
        java.util.Arrays.fill(out, in[0]);
        return out;
    }

    /**
     * One TF1 Adam step as a single op ({@link #APPLY_ADAM}); returns {new variable, new m, new v}.
     * {@code stepRate} is the bias-corrected rate {@code lr·√(1 − β2^t)/(1 − β1^t)}.
     * <pre>{@code Tensor[] wmv = OptimizerOps.applyAdam(w, m, v, w.grad(), stepRate, 0.9, 0.999, 1e-8);}</pre>
     */
    public static Tensor[] applyAdam(Tensor w, Tensor m, Tensor v, Tensor g, double stepRate, double beta1, double beta2,
                                     double epsilon) {
        return APPLY_ADAM.apply(new AdamAttrs(stepRate, beta1, beta2, epsilon), w, m, v, g);
    }

    /**
     * One TF1 RMSProp step ({@link #APPLY_RMSPROP}); returns {new variable, new mean square, new
     * momentum} and, when centered, the new mean gradient ({@code mg} is null otherwise).
     * <pre>{@code Tensor[] out = OptimizerOps.applyRmsProp(w, ms, mom, null, g, new OptimizerOps.RmsPropAttrs(0.016, 0.9, 0.9, 1e-3, false));}</pre>
     */
    public static Tensor[] applyRmsProp(Tensor w, Tensor ms, Tensor mom, Tensor mg, Tensor g, RmsPropAttrs attrs) {
        return attrs.centered() ? APPLY_RMSPROP.apply(attrs, w, ms, mom, mg, g) : APPLY_RMSPROP.apply(attrs, w, ms, mom, g);
    }

    /**
     * One TF1 momentum step ({@link #APPLY_MOMENTUM}); returns {new variable, new accumulator}.
     * <pre>{@code Tensor[] wa = OptimizerOps.applyMomentum(w, acc, w.grad(), 0.1, 0.9, false);}</pre>
     */
    public static Tensor[] applyMomentum(Tensor w, Tensor accumulator, Tensor g, double learningRate, double momentum,
                                         boolean nesterov) {
        return APPLY_MOMENTUM.apply(new MomentumAttrs(learningRate, momentum, nesterov), w, accumulator, g);
    }
}

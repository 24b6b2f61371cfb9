package dev.imgcls.tensor.ops;

import dev.imgcls.tensor.OpDef;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.TensorSpec;

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
    public static final OpDef<MomentumAttrs> APPLY_MOMENTUM = OpDef.nonDifferentiable("apply_momentum", 3, (a, in) -> {
        Specs.requireFloating(in[0], "variable");
        for (int i = 1; i < 3; i++) {
            Specs.requireSameDType(in[0], in[i]);
            if (!in[i].shape().equals(in[0].shape())) {
                throw new IllegalArgumentException((i == 1 ? "accumulator " : "gradient ") + in[i].shape()
                        + " does not match the variable " + in[0].shape());
            }
        }
        return new TensorSpec[] {in[0], in[0]};
    });

    /** Returns {new variable, new accumulator}. */
    public static Tensor[] applyMomentum(Tensor w, Tensor accumulator, Tensor g, double learningRate, double momentum,
                                         boolean nesterov) {
        return APPLY_MOMENTUM.apply(new MomentumAttrs(learningRate, momentum, nesterov), w, accumulator, g);
    }
}

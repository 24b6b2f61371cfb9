package dev.imgcls.nn.optim;

import dev.imgcls.nn.Variable;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.ops.OptimizerOps;

import java.util.List;

/**
 * TF1 {@code MomentumOptimizer} ({@code ApplyMomentum}): accumulator {@code a ← μ·a + g}, then
 * {@code w ← w − lr·a}, or with Nesterov {@code w ← w − (lr·g + lr·μ·a)} using the new
 * {@code a}. One slot, {@code <var>/Momentum}, starting at 0.
 */
public final class MomentumOptimizer extends Optimizer {
    private static final int ACCUMULATOR = 0;

    private final MomentumSettings settings;

    MomentumOptimizer(MomentumSettings settings, List<Variable> variables) {
        super("Momentum", variables);
        this.settings = settings;
        for (Variable v : variables()) {
            createSlot(v, ACCUMULATOR, 0.0);
        }
    }

    public MomentumSettings settings() {
        return settings;
    }

    @Override
    protected Tensor update(Variable variable, Tensor w, Tensor g, double learningRate) {
        // One fused pass (OptimizerOps.APPLY_MOMENTUM) with the same float rounding as mul/add/sub.
        Tensor[] updated = OptimizerOps.applyMomentum(w, slot(variable, ACCUMULATOR), g, learningRate, settings.momentum(),
                settings.useNesterov());
        setSlot(variable, ACCUMULATOR, updated[1]);
        return updated[0];
    }

    @Override
    protected String typeName() {
        return OptimizerType.MOMENTUM.id();
    }
}

package dev.imgcls.train.optim;

import dev.imgcls.nn.Variable;
import dev.imgcls.tensor.Tensor;

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
        Tensor lr = scalar(w, learningRate);
        Tensor mu = scalar(w, settings.momentum());
        Tensor accumulator = slot(variable, ACCUMULATOR).mul(mu).add(g);
        setSlot(variable, ACCUMULATOR, accumulator);
        if (settings.useNesterov()) {
            return w.sub(g.mul(lr).add(accumulator.mul(mu).mul(lr)));
        }
        return w.sub(accumulator.mul(lr));
    }

    @Override
    protected String typeName() {
        return OptimizerType.MOMENTUM.flagValue();
    }
}

package dev.imgcls.nn.optim;

import dev.imgcls.nn.Variable;

import java.util.List;

/**
 * {@code tf.train.MomentumOptimizer(lr, momentum, use_nesterov)}. TF requires {@code momentum};
 * ours defaults to 0.9, the value of every reference configuration. Nesterov defaults to off, as in TF and in the
 * detection framework the built-in's arguments come from (the ResNet reference turns it on).
 */
public record MomentumSettings(double momentum, boolean useNesterov) implements OptimizerSettings {
    public static final MomentumSettings DEFAULTS = new MomentumSettings(0.9, false);

    public MomentumSettings {
        SettingsChecks.nonNegative("momentum", momentum);
    }

    @Override
    public OptimizerType type() {
        return OptimizerType.MOMENTUM;
    }

    @Override
    public Optimizer create(List<Variable> variables) {
        return new MomentumOptimizer(this, variables);
    }
}

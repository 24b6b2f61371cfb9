package dev.imgcls.nn.optim;

import dev.imgcls.nn.Variable;

import java.util.List;

/** {@code tf.train.AdamOptimizer(lr, beta1=0.9, beta2=0.999, epsilon=1e-8)}, TF1's defaults. */
public record AdamSettings(double beta1, double beta2, double epsilon) implements OptimizerSettings {
    public static final AdamSettings DEFAULTS = new AdamSettings(0.9, 0.999, 1e-8);

    public AdamSettings {
        SettingsChecks.decayRate("beta1", beta1);
        SettingsChecks.decayRate("beta2", beta2);
        SettingsChecks.positive("epsilon", epsilon);
    }

    @Override
    public OptimizerType type() {
        return OptimizerType.ADAM;
    }

    @Override
    public Optimizer create(List<Variable> variables) {
        return new AdamOptimizer(this, variables);
    }
}

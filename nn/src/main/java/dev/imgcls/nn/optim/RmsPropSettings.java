package dev.imgcls.nn.optim;

import dev.imgcls.nn.Variable;

import java.util.List;

/**
 * {@code tf.train.RMSPropOptimizer(lr, decay=0.9, momentum=0.0, epsilon=1e-10, centered=False)},
 * TF1's defaults. {@code decay} is the moving average's ρ (Keras calls it {@code rho}).
 */
public record RmsPropSettings(double decay, double momentum, double epsilon, boolean centered) implements OptimizerSettings {
    public static final RmsPropSettings DEFAULTS = new RmsPropSettings(0.9, 0.0, 1e-10, false);

    public RmsPropSettings {
        SettingsChecks.decayRate("decay", decay);
        SettingsChecks.nonNegative("momentum", momentum);
        SettingsChecks.positive("epsilon", epsilon);
    }

    @Override
    public OptimizerType type() {
        return OptimizerType.RMSPROP;
    }

    @Override
    public Optimizer create(List<Variable> variables) {
        return new RmsPropOptimizer(this, variables);
    }
}

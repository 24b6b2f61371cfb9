package dev.imgcls.train.optim;

import dev.imgcls.nn.Variable;

import java.util.List;

/**
 * An optimizer type with its hyperparameters (everything but the learning rate, which comes from
 * the schedule each step); the parsed form of {@code optimizer_type} + {@code optimizer_arguments}.
 */
public sealed interface OptimizerSettings permits MomentumSettings, AdamSettings, RmsPropSettings {
    OptimizerType type();

    /** A fresh optimizer with initial slots for the trainable ones among {@code variables}. */
    Optimizer create(List<Variable> variables);

    /** The defaults used for keys that {@code optimizer_arguments} does not give. */
    static OptimizerSettings defaults(OptimizerType type) {
        return switch (type) {
            case MOMENTUM -> MomentumSettings.DEFAULTS;
            case ADAM -> AdamSettings.DEFAULTS;
            case RMSPROP -> RmsPropSettings.DEFAULTS;
        };
    }
}

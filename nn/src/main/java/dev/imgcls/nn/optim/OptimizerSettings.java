package dev.imgcls.nn.optim;

import dev.imgcls.nn.Variable;

import java.util.List;

/**
 * An optimizer type with its hyperparameters (everything but the learning rate, which comes from
 * the schedule each step): what {@link #create} builds an optimizer from.
 */
public sealed interface OptimizerSettings permits MomentumSettings, AdamSettings, RmsPropSettings {
    OptimizerType type();

    /** A fresh optimizer with initial slots for the trainable ones among {@code variables}. */
    Optimizer create(List<Variable> variables);

    /** TF1's defaults (momentum 0.9 for Momentum, which TF leaves to the caller) for {@code type}. */
    static OptimizerSettings defaults(OptimizerType type) {
        return switch (type) {
            case MOMENTUM -> MomentumSettings.DEFAULTS;
            case ADAM -> AdamSettings.DEFAULTS;
            case RMSPROP -> RmsPropSettings.DEFAULTS;
        };
    }
}

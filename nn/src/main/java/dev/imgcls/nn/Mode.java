package dev.imgcls.nn;

import dev.imgcls.tensor.Generator;

/**
 * How a forward pass runs: training (batch statistics, moving-average updates, dropout and
 * drop-connect drawn from {@code generator}) or evaluation (moving statistics, no randomness).
 * Training without a generator keeps batch statistics but turns dropout and drop-connect off,
 * for checks that need a deterministic training-mode pass.
 */
public record Mode(boolean training, Generator generator) {
    public static final Mode EVAL = new Mode(false, null);

    public static Mode trainWithoutDropout() {
        return new Mode(true, null);
    }

    /** Whether dropout and drop-connect are active. */
    public boolean stochastic() {
        return training && generator != null;
    }

    public static Mode train(Generator generator) {
        if (generator == null) {
            throw new IllegalArgumentException("training mode needs a generator for dropout and drop-connect");
        }
        return new Mode(true, generator);
    }
}

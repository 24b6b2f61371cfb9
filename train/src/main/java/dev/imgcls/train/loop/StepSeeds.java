package dev.imgcls.train.loop;

import dev.imgcls.tensor.Generator;

/**
 * The random streams of a training job, each a pure function of (seed, what, step), so a job
 * resumed at step k draws exactly what an uninterrupted job draws from step k on: no generator
 * position has to survive in the checkpoint beyond the seed itself.
 */
public final class StepSeeds {
    /** Salts that keep the streams apart. */
    private static final long DROPOUT = 0x6472_6f70_6f75_7431L;

    private StepSeeds() {
    }

    /** The generator for dropout and drop-connect of training step {@code step} (0-based global step before the update). */
    public static Generator dropout(long seed, long step) {
        return new Generator(mix(seed ^ DROPOUT, step));
    }

    /** SplitMix64's finaliser over the pair: well-spread seeds for neighbouring steps. */
    static long mix(long a, long b) {
        long z = a * 0x9E37_79B9_7F4A_7C15L + b;
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }
}

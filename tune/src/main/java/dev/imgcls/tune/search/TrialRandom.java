package dev.imgcls.tune.search;

import java.util.SplittableRandom;

/**
 * The random stream of one suggestion: a function of the study seed and the trial number only, so that
 * suggestions do not depend on how many random numbers earlier suggestions used (or on a restart in between).
 */
public final class TrialRandom {
    private TrialRandom() {
    }

    public static SplittableRandom forTrial(long studySeed, int trialNumber) {
        return new SplittableRandom(mix(studySeed * 0x9E3779B97F4A7C15L + trialNumber));
    }

    /** The finalizer of SplitMix64: neighbouring inputs give unrelated outputs. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}

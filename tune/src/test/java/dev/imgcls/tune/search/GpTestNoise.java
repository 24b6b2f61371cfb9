package dev.imgcls.tune.search;

import java.util.SplittableRandom;

/** Gaussian noise for synthetic objectives in tests. */
final class GpTestNoise {
    private GpTestNoise() {
    }

    static double gaussian(SplittableRandom rng) {
        double u1 = 1 - rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}

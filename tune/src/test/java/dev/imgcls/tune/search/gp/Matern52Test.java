package dev.imgcls.tune.search.gp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The kernel against values worked out by hand, not by the code. */
class Matern52Test {
    /**
     * k(r) = a (1 + √5 r/ℓ + 5r²/(3ℓ²)) exp(−√5 r/ℓ) with a = 2, ℓ = 0.5, r = |0.6 − 0.2| = 0.4:
     * 2 · (1 + 1.7888544 + 1.0666667) · exp(−1.7888544) = 2 · 3.8555210 · 0.1671516 = 1.2889126529.
     * The code's amplitude is a itself (not a²), as the GP's θ₀ = log a.
     */
    static final double HAND_COMPUTED = 1.2889126529;

    @Test
    void matchesTheValueWorkedOutByHand() {
        assertEquals(HAND_COMPUTED, Matern52.kernel(new double[] {0.6}, new double[] {0.2}, new int[] {0}, 2, new double[] {0.5}), 1e-10);
    }

    @Test
    void lengthScaledDistancesOfTheGroupsAddAsSquares() {
        // Group 0: 0.24 / 0.5 = 0.48; group 1: 0.16 / 0.25 = 0.64; r = √(0.48² + 0.64²) = 0.8, as above.
        assertEquals(HAND_COMPUTED, Matern52.kernel(new double[] {0.5, 0.1}, new double[] {0.26, 0.26}, new int[] {0, 1}, 2,
                new double[] {0.5, 0.25}), 1e-10);
    }
}

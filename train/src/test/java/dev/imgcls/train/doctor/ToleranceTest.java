package dev.imgcls.train.doctor;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ToleranceTest {
    @Test
    void printsAsAbsPlusRel() {
        assertEquals("abs 1e-5 + rel 1e-4", new Tolerance(1e-5, 1e-4, "x").toString());
        assertEquals("abs 4e-4 + rel 2.5e-6", new Tolerance(4e-4, 2.5e-6, "x").toString());
        assertEquals("abs 0 + rel 1e-6", new Tolerance(0, 1e-6, "x").toString());
        assertEquals("abs 3 + rel 1e-1", new Tolerance(3, 0.1, "x").toString());
        assertEquals("exact", Tolerance.exact("x").toString());
    }

    @Test
    void allowsAbsPlusRelOfTheReference() {
        Tolerance t = new Tolerance(1e-3, 1e-2, "x");
        assertTrue(t.allows(0, 0.001));
        assertFalse(t.allows(0, 0.0011));
        assertTrue(t.allows(100, 101.0009));
        assertFalse(t.allows(100, 101.0011));
        assertTrue(Tolerance.exact("x").allows(-0.0, 0.0));
        assertFalse(Tolerance.exact("x").allows(1, Math.nextUp(1.0)));
    }

    @Test
    void nonFiniteValuesMustMatchExactly() {
        Tolerance loose = new Tolerance(1e9, 1, "x");
        assertTrue(loose.allows(Double.NaN, Double.NaN));
        assertTrue(loose.allows(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY));
        assertFalse(loose.allows(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY));
        assertFalse(loose.allows(1, Double.NaN));
        assertFalse(loose.allows(Double.POSITIVE_INFINITY, 3e38));
    }

    @Test
    void rejectsNegativeParts() {
        assertThrows(IllegalArgumentException.class, () -> new Tolerance(-1, 0, "x"));
        assertThrows(IllegalArgumentException.class, () -> new Tolerance(0, Double.NaN, "x"));
    }
}

package dev.imgcls.dist;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SingleProcessTest {
    @Test
    void oneRankKeepsItsBuffers() {
        Collective c = SingleProcess.INSTANCE;
        assertEquals(0, c.rank());
        assertEquals(1, c.size());
        assertTrue(c.isChief());
        float[] f = {1.5f, -2f, 3f};
        c.allReduceSum(f, 1, 2);
        c.broadcast(f, 0, 3, 0);
        assertArrayEquals(new float[] {1.5f, -2f, 3f}, f);
        long[] l = {7, 9};
        c.allReduceSum(l);
        c.broadcast(l, 0);
        assertArrayEquals(new long[] {7, 9}, l);
    }

    @Test
    void badRangesAndRootsAreRefused() {
        Collective c = SingleProcess.INSTANCE;
        assertThrows(IndexOutOfBoundsException.class, () -> c.allReduceSum(new float[2], 1, 2));
        assertThrows(IllegalArgumentException.class, () -> c.broadcast(new long[1], 1));
    }
}

package dev.imgcls.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class ChunksTest {
    @Test
    void piecesCoverTheRangeInOrder() {
        List<String> seen = new ArrayList<>();
        int calls = Chunks.forEach(3, 20, 7, (off, len) -> seen.add(off + "+" + len));
        assertEquals(List.of("3+7", "10+7", "17+6"), seen);
        assertEquals(3, calls);
        assertEquals(0, Chunks.forEach(5, 0, 7, (off, len) -> seen.add("empty")));
        assertEquals(1, Chunks.forEach(0, 7, 7, (off, len) -> assertEquals(7, len)));
    }

    /** The largest Java array: the loop must not overflow int near Integer.MAX_VALUE (no buffer is allocated). */
    @Test
    void theLargestArrayGoesOverInIntSizedPieces() {
        int chunk = 1 << 22;
        long[] covered = {0, -1};
        int length = Integer.MAX_VALUE - 8;
        int calls = Chunks.forEach(0, length, chunk, (off, len) -> {
            assertEquals(covered[0], off);
            covered[0] += len;
            covered[1] = len;
        });
        assertEquals(length, covered[0]);
        assertEquals(((long) length + chunk - 1) / chunk, calls);
        assertEquals(length % chunk, covered[1]);
    }

    @Test
    void badRangesAreRefused() {
        assertThrows(IndexOutOfBoundsException.class, () -> Chunks.forEach(Integer.MAX_VALUE - 2, 5, 7, (off, len) -> { }));
        assertThrows(IllegalArgumentException.class, () -> Chunks.forEach(0, 5, 0, (off, len) -> { }));
    }
}

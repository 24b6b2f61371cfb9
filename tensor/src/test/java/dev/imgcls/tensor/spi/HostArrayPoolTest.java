package dev.imgcls.tensor.spi;

import dev.imgcls.tensor.DType;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HostArrayPoolTest {
    private static final int BIG = HostArrayPool.MIN_POOLED_ELEMENTS * 2;

    @Test
    void testBuildsPoisonUninitialisedArrays() {
        // The safety net that finds kernels which do not write all of their output.
        assertTrue(HostArrayPool.POISON, "the test JVM must run with -Dimgcls.poison=true");
        float[] a = (float[]) new HostArrayPool(1 << 30).take(DType.FLOAT32, BIG);
        assertTrue(Float.isNaN(a[0]) && Float.isNaN(a[BIG - 1]));
    }

    @Test
    void releasedArrayIsReusedForTheSameDtypeAndLength() {
        HostArrayPool pool = new HostArrayPool(1 << 30);
        Object first = pool.take(DType.FLOAT32, BIG);
        pool.give(DType.FLOAT32, BIG, first);
        assertEquals((long) BIG * Float.BYTES, pool.heldBytes());
        assertNotSame(first, pool.take(DType.FLOAT32, BIG + 1), "another length gets a fresh array");
        assertNotSame(first, pool.take(DType.INT32, BIG), "another dtype gets a fresh array");
        assertSame(first, pool.take(DType.FLOAT32, BIG));
        assertEquals(0, pool.heldBytes());
        assertEquals(1, pool.hits());
    }

    @Test
    void smallArraysAreNotKept() {
        HostArrayPool pool = new HostArrayPool(1 << 30);
        Object small = pool.take(DType.FLOAT32, 16);
        pool.give(DType.FLOAT32, 16, small);
        assertEquals(0, pool.heldBytes());
        assertNotSame(small, pool.take(DType.FLOAT32, 16));
    }

    @Test
    void capacityBoundsWhatIsKeptAndClearEmptiesIt() {
        long oneArray = (long) BIG * Double.BYTES;
        HostArrayPool pool = new HostArrayPool(oneArray);
        pool.give(DType.FLOAT64, BIG, pool.take(DType.FLOAT64, BIG));
        pool.give(DType.FLOAT64, BIG, pool.take(DType.FLOAT64, BIG)); // taken from the pool, given back
        Object extra = HostArrayPool.newArray(DType.FLOAT64, BIG);
        pool.give(DType.FLOAT64, BIG, extra);
        assertEquals(oneArray, pool.heldBytes(), "a second array would exceed the capacity");
        pool.clear();
        assertEquals(0, pool.heldBytes());
    }

    @Test
    void returnedArraysArePoisonedSoStaleReadersSeeGarbage() {
        HostArrayPool pool = new HostArrayPool(1 << 30);
        int[] a = (int[]) pool.take(DType.INT32, BIG);
        java.util.Arrays.fill(a, 7);
        pool.give(DType.INT32, BIG, a);
        assertEquals(0x7EADBEEF, a[3]);
    }

    @Test
    void storageReturnsItsArrayOnTheLastReleaseOnly() {
        HostStorage s = HostStorage.allocateUninitialized(DType.FLOAT32, BIG);
        float[] array = s.floats();
        s.retain();
        s.release();
        assertTrue(!s.isReleased() && s.floats() == array, "a view still holds it");
        s.release();
        assertTrue(s.isReleased());
        HostStorage wrapped = HostStorage.wrap(new float[BIG]);
        float[] mine = wrapped.floats();
        wrapped.release();
        for (int i = 0; i < 4; i++) {
            assertNotSame(mine, HostStorage.allocateUninitialized(DType.FLOAT32, BIG).floats(), "a caller's array is never recycled");
        }
    }
}

package dev.imgcls.tensor.spi;

import dev.imgcls.tensor.DType;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Recycles the arrays of released host tensors. A training step allocates the same op outputs
 * in the same sizes every step; a fresh Java array is zero-filled by the JVM (a full pass over
 * memory the kernel overwrites anyway) and large ones go to the garbage collector's humongous
 * regions, which cost a fifth of a ResNet step before this pool existed. With the pool, step N+1
 * reuses step N's arrays and the steady state allocates nothing large.
 *
 * <p>Arrays are keyed by (dtype, exact length); only arrays of at least {@link #MIN_POOLED_ELEMENTS}
 * are kept (small ones are cheap from the thread-local allocation buffer), and the pool holds at
 * most {@code -Dimgcls.hostPool.maxBytes} (default: half the maximum heap, 0 disables it). When a
 * fresh allocation runs out of heap the pool is emptied and the allocation tried once more, so
 * pooled arrays never cause an OutOfMemoryError that plain allocation would not.
 *
 * <p>{@code -Dimgcls.poison=true} (set in the test build) fills every array handed out
 * uninitialised, and every array returned, with NaN (or a bit pattern for integers): a kernel
 * that fails to write all of its output, or code that reads a tensor after its release, then
 * produces visibly wrong results in tests instead of silently reading stale data.
 */
public final class HostArrayPool {
    public static final int MIN_POOLED_ELEMENTS = 1 << 12;
    static final boolean POISON = Boolean.getBoolean("imgcls.poison");

    private static final HostArrayPool INSTANCE = new HostArrayPool(configuredCapacity());

    private final Map<Long, ArrayDeque<Object>> free = new HashMap<>();
    private final long capacityBytes;
    private long heldBytes;
    private long hits;
    private long misses;

    HostArrayPool(long capacityBytes) {
        this.capacityBytes = capacityBytes;
    }

    public static HostArrayPool shared() {
        return INSTANCE;
    }

    private static long configuredCapacity() {
        String v = System.getProperty("imgcls.hostPool.maxBytes");
        if (v == null || v.isBlank()) {
            return Runtime.getRuntime().maxMemory() / 2;
        }
        try {
            return Math.max(0, Long.parseLong(v.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-Dimgcls.hostPool.maxBytes must be a byte count, got '" + v + "'", e);
        }
    }

    /** An array of {@code size} elements with unspecified contents (poisoned in test builds). */
    Object take(DType dtype, int size) {
        Object a = size >= MIN_POOLED_ELEMENTS ? pop(dtype, size) : null;
        if (a == null) {
            a = allocateFresh(dtype, size);
        }
        if (POISON) {
            poison(a);
        }
        return a;
    }

    /** Gives back an array of {@code size} {@code dtype} elements no tensor uses any more; kept if large enough and it fits. */
    void give(DType dtype, int size, Object array) {
        if (POISON) {
            poison(array);
        }
        if (size < MIN_POOLED_ELEMENTS) {
            return;
        }
        long bytes = (long) size * dtype.byteSize();
        synchronized (this) {
            if (heldBytes + bytes > capacityBytes) {
                return;
            }
            free.computeIfAbsent(key(dtype, size), k -> new ArrayDeque<>()).push(array);
            heldBytes += bytes;
        }
    }

    /** Drops every pooled array (they become garbage). */
    public synchronized void clear() {
        free.clear();
        heldBytes = 0;
    }

    public synchronized long heldBytes() {
        return heldBytes;
    }

    /** Allocations of pooled size served from the pool so far. */
    public synchronized long hits() {
        return hits;
    }

    /** Allocations of pooled size that needed a fresh array so far. */
    public synchronized long misses() {
        return misses;
    }

    private synchronized Object pop(DType dtype, int size) {
        ArrayDeque<Object> q = free.get(key(dtype, size));
        Object a = q == null ? null : q.poll();
        if (a == null) {
            misses++;
            return null;
        }
        hits++;
        heldBytes -= (long) size * dtype.byteSize();
        return a;
    }

    private Object allocateFresh(DType dtype, int size) {
        try {
            return newArray(dtype, size);
        } catch (OutOfMemoryError e) {
            if (heldBytes() == 0) {
                throw e;
            }
            clear(); // the pooled arrays of other sizes become collectable; the JVM collects before failing again
            return newArray(dtype, size);
        }
    }

    static Object newArray(DType dtype, int size) {
        return switch (dtype) {
            case FLOAT32 -> new float[size];
            case FLOAT64 -> new double[size];
            case INT32 -> new int[size];
            case INT64 -> new long[size];
            case UINT8 -> new byte[size];
        };
    }

    private static long key(DType dtype, int size) {
        return ((long) dtype.ordinal() << 32) | size;
    }

    private static void poison(Object a) {
        if (a instanceof float[] f) {
            Arrays.fill(f, Float.NaN);
        } else if (a instanceof double[] d) {
            Arrays.fill(d, Double.NaN);
        } else if (a instanceof int[] i) {
            Arrays.fill(i, 0x7EADBEEF);
        } else if (a instanceof long[] l) {
            Arrays.fill(l, 0x7EADBEEF7EADBEEFL);
        } else if (a instanceof byte[] b) {
            Arrays.fill(b, (byte) 0xA5);
        }
    }
}

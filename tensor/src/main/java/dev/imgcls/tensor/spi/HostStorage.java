package dev.imgcls.tensor.spi;

import dev.imgcls.tensor.DType;
import dev.imgcls.tensor.Device;

/**
 * Storage in a Java array on the heap: float[] for FLOAT32, double[] for FLOAT64, int[] for
 * INT32, long[] for INT64, byte[] for UINT8 (read unsigned). Both CPU backends use it, so tensors
 * move between them without copies.
 */
public final class HostStorage implements Storage {
    private final DType dtype;
    private final int size;
    /** Whether the array came from {@link HostArrayPool} and goes back there on the last release. */
    private final boolean recyclable;
    private Object array;
    private int refs = 1;

    private HostStorage(DType dtype, Object array, int size, boolean recyclable) {
        this.dtype = dtype;
        this.array = array;
        this.size = size;
        this.recyclable = recyclable;
    }

    private HostStorage(DType dtype, Object array, int size) {
        this(dtype, array, size, false);
    }

    /** A zero-filled storage. */
    public static HostStorage allocate(DType dtype, int size) {
        return new HostStorage(dtype, HostArrayPool.newArray(dtype, size), size);
    }

    /**
     * A storage whose contents are unspecified (recycled from released tensors; NaN-poisoned in
     * test builds): for op outputs, whose kernels write every element.
     */
    public static HostStorage allocateUninitialized(DType dtype, int size) {
        return new HostStorage(dtype, HostArrayPool.shared().take(dtype, size), size, true);
    }

    /** Wraps an array without copying; the caller must not keep writing to it. */
    public static HostStorage wrap(float[] a) {
        return new HostStorage(DType.FLOAT32, a, a.length);
    }

    public static HostStorage wrap(double[] a) {
        return new HostStorage(DType.FLOAT64, a, a.length);
    }

    public static HostStorage wrap(int[] a) {
        return new HostStorage(DType.INT32, a, a.length);
    }

    public static HostStorage wrap(long[] a) {
        return new HostStorage(DType.INT64, a, a.length);
    }

    public static HostStorage wrap(byte[] a) {
        return new HostStorage(DType.UINT8, a, a.length);
    }

    @Override
    public DType dtype() {
        return dtype;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Device device() {
        return Device.CPU;
    }

    @Override
    public synchronized void retain() {
        checkLive();
        refs++;
    }

    @Override
    public synchronized void release() {
        if (refs > 0 && --refs == 0) {
            Object a = array;
            array = null;
            if (recyclable) {
                HostArrayPool.shared().give(dtype, size, a);
            }
        }
    }

    @Override
    public synchronized boolean isReleased() {
        return array == null;
    }

    public Object array() {
        checkLive();
        return array;
    }

    public float[] floats() {
        return (float[]) typed(DType.FLOAT32);
    }

    public double[] doubles() {
        return (double[]) typed(DType.FLOAT64);
    }

    public int[] ints() {
        return (int[]) typed(DType.INT32);
    }

    public long[] longs() {
        return (long[]) typed(DType.INT64);
    }

    public byte[] bytes() {
        return (byte[]) typed(DType.UINT8);
    }

    /** Element i as a double, whatever the dtype (UINT8 read unsigned). */
    public double getDouble(int i) {
        Object a = array();
        return switch (dtype) {
            case FLOAT32 -> ((float[]) a)[i];
            case FLOAT64 -> ((double[]) a)[i];
            case INT32 -> ((int[]) a)[i];
            case INT64 -> ((long[]) a)[i];
            case UINT8 -> ((byte[]) a)[i] & 0xFF;
        };
    }

    /** Sets element i from a double, rounding to the storage's dtype (integers truncate toward zero). */
    public void setDouble(int i, double v) {
        Object a = array();
        switch (dtype) {
            case FLOAT32 -> ((float[]) a)[i] = (float) v;
            case FLOAT64 -> ((double[]) a)[i] = v;
            case INT32 -> ((int[]) a)[i] = (int) v;
            case INT64 -> ((long[]) a)[i] = (long) v;
            case UINT8 -> ((byte[]) a)[i] = (byte) (int) v;
        }
    }

    public long getLong(int i) {
        Object a = array();
        return switch (dtype) {
            case INT32 -> ((int[]) a)[i];
            case INT64 -> ((long[]) a)[i];
            case UINT8 -> ((byte[]) a)[i] & 0xFF;
            default -> (long) getDouble(i);
        };
    }

    private Object typed(DType expected) {
        if (dtype != expected) {
            throw new IllegalStateException("storage holds " + dtype + ", not " + expected);
        }
        return array();
    }

    private void checkLive() {
        if (array == null) {
            throw new IllegalStateException("tensor storage was released (its memory scope closed); keep() tensors that must outlive a scope");
        }
    }
}

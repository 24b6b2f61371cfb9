package dev.imgcls.kernels.host;

import dev.imgcls.tensor.spi.HostStorage;

/**
 * Element-at-a-time access that is exact for every dtype (INT64 values do not pass through a
 * double), for the reference kernels of data-movement and selection ops.
 */
public final class HostElements {
    private HostElements() {
    }

    /** dst[j] = src[i]; both storages hold the same dtype. */
    public static void copy(HostStorage src, int i, HostStorage dst, int j) {
        TypedArrays.copy2d(src.array(), i, 0, 0, dst.array(), j, 0, 0, 1, 1);
    }

    /**
     * Orders elements i and j of one storage: numerically, with −0 equal to +0 and NaN above +∞
     * (all NaNs equal), the order argmax and top_k rank by.
     */
    public static int compare(HostStorage s, int i, int j) {
        if (s.dtype().isFloating()) {
            return Double.compare(s.getDouble(i) + 0.0, s.getDouble(j) + 0.0);
        }
        return Long.compare(s.getLong(i), s.getLong(j));
    }
}

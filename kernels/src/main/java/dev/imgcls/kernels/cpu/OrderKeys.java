package dev.imgcls.kernels.cpu;

/**
 * Reads a host array as {@code long} keys whose signed order is the numeric order argmax and
 * top_k rank by (−0 equal to +0, NaN above +∞, as {@link dev.imgcls.kernels.host.HostElements#compare}),
 * so their loops compare longs whatever the dtype.
 */
@FunctionalInterface
interface OrderKeys {
    long at(int i);

    static OrderKeys of(Object array) {
        if (array instanceof float[] a) {
            return i -> {
                // + 0f turns −0 into +0; floatToIntBits makes every NaN the same canonical one.
                int bits = Float.floatToIntBits(a[i] + 0f);
                return bits ^ ((bits >> 31) & 0x7fffffff);
            };
        } else if (array instanceof double[] a) {
            return i -> {
                long bits = Double.doubleToLongBits(a[i] + 0.0);
                return bits ^ ((bits >> 63) & 0x7fffffffffffffffL);
            };
        } else if (array instanceof int[] a) {
            return i -> a[i];
        } else if (array instanceof long[] a) {
            return i -> a[i];
        } else if (array instanceof byte[] a) {
            return i -> a[i] & 0xFF;
        }
        throw new IllegalArgumentException("not a host tensor array: " + array.getClass());
    }
}

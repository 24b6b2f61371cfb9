package dev.imgcls.kernels.cpu;

import dev.imgcls.tensor.ops.ShapeOps;
import dev.imgcls.tensor.spi.KernelTable;
import dev.imgcls.tensor.spi.TensorAccess;

/**
 * cast between FLOAT32, INT32, INT64 and UINT8 (FLOAT64 casts run on the reference kernels): one
 * plain loop per pair, so each is a straight conversion instruction the JIT can vectorise. Java's
 * narrowing conversions are TF's: float → int truncates toward zero, int → narrower int keeps
 * the low bits, and UINT8 is read unsigned.
 */
final class CpuCastKernels {
    private static final int GRAIN = 1 << 15;

    private CpuCastKernels() {
    }

    /** Converts src[s, e) into dst[s, e). */
    @FunctionalInterface
    private interface Loop {
        void run(Object src, Object dst, int s, int e);
    }

    static void register(KernelTable t) {
        t.put(ShapeOps.CAST, (a, in, out) -> {
            Object src = TensorAccess.host(in[0]).array();
            Object dst = TensorAccess.host(out[0]).array();
            Loop loop = loop(src, dst);
            Parallel.forRange(in[0].numel(), GRAIN, (s, e) -> loop.run(src, dst, s, e));
        });
    }

    private static Loop loop(Object src, Object dst) {
        if (src.getClass() == dst.getClass()) {
            return (x, y, s, e) -> System.arraycopy(x, s, y, s, e - s);
        }
        if (src instanceof float[]) {
            if (dst instanceof int[]) {
                return (x, y, s, e) -> fromFloat((float[]) x, (int[]) y, s, e);
            } else if (dst instanceof long[]) {
                return (x, y, s, e) -> fromFloat((float[]) x, (long[]) y, s, e);
            } else if (dst instanceof byte[]) {
                return (x, y, s, e) -> fromFloat((float[]) x, (byte[]) y, s, e);
            }
        } else if (src instanceof int[]) {
            if (dst instanceof float[]) {
                return (x, y, s, e) -> fromInt((int[]) x, (float[]) y, s, e);
            } else if (dst instanceof long[]) {
                return (x, y, s, e) -> fromInt((int[]) x, (long[]) y, s, e);
            } else if (dst instanceof byte[]) {
                return (x, y, s, e) -> fromInt((int[]) x, (byte[]) y, s, e);
            }
        } else if (src instanceof long[]) {
            if (dst instanceof float[]) {
                return (x, y, s, e) -> fromLong((long[]) x, (float[]) y, s, e);
            } else if (dst instanceof int[]) {
                return (x, y, s, e) -> fromLong((long[]) x, (int[]) y, s, e);
            } else if (dst instanceof byte[]) {
                return (x, y, s, e) -> fromLong((long[]) x, (byte[]) y, s, e);
            }
        } else if (src instanceof byte[]) {
            if (dst instanceof float[]) {
                return (x, y, s, e) -> fromUint8((byte[]) x, (float[]) y, s, e);
            } else if (dst instanceof int[]) {
                return (x, y, s, e) -> fromUint8((byte[]) x, (int[]) y, s, e);
            } else if (dst instanceof long[]) {
                return (x, y, s, e) -> fromUint8((byte[]) x, (long[]) y, s, e);
            }
        }
        throw new IllegalArgumentException("cast: no CPU loop from " + src.getClass().getSimpleName() + " to " + dst.getClass().getSimpleName());
    }

    private static void fromFloat(float[] x, int[] y, int s, int e) {
        for (int i = s; i < e; i++) {
            y[i] = (int) x[i];
        }
    }

    private static void fromFloat(float[] x, long[] y, int s, int e) {
        for (int i = s; i < e; i++) {
            y[i] = (long) x[i];
        }
    }

    /** Truncate to int first, then keep the low 8 bits: 300.7 → 44, −1.5 → 255, as TF on x86. */
    private static void fromFloat(float[] x, byte[] y, int s, int e) {
        for (int i = s; i < e; i++) {
            y[i] = (byte) (int) x[i];
        }
    }

    private static void fromInt(int[] x, float[] y, int s, int e) {
        for (int i = s; i < e; i++) {
            y[i] = x[i];
        }
    }

    private static void fromInt(int[] x, long[] y, int s, int e) {
        for (int i = s; i < e; i++) {
            y[i] = x[i];
        }
    }

    private static void fromInt(int[] x, byte[] y, int s, int e) {
        for (int i = s; i < e; i++) {
            y[i] = (byte) x[i];
        }
    }

    private static void fromLong(long[] x, float[] y, int s, int e) {
        for (int i = s; i < e; i++) {
            y[i] = x[i];
        }
    }

    private static void fromLong(long[] x, int[] y, int s, int e) {
        for (int i = s; i < e; i++) {
            y[i] = (int) x[i];
        }
    }

    private static void fromLong(long[] x, byte[] y, int s, int e) {
        for (int i = s; i < e; i++) {
            y[i] = (byte) x[i];
        }
    }

    private static void fromUint8(byte[] x, float[] y, int s, int e) {
        for (int i = s; i < e; i++) {
            y[i] = x[i] & 0xFF;
        }
    }

    private static void fromUint8(byte[] x, int[] y, int s, int e) {
        for (int i = s; i < e; i++) {
            y[i] = x[i] & 0xFF;
        }
    }

    private static void fromUint8(byte[] x, long[] y, int s, int e) {
        for (int i = s; i < e; i++) {
            y[i] = x[i] & 0xFF;
        }
    }
}

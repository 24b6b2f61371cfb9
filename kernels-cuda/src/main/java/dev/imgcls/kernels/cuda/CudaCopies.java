package dev.imgcls.kernels.cuda;

import static dev.imgcls.kernels.cuda.CudaTensors.longArg;

import java.util.Arrays;

import dev.imgcls.tensor.DType;
import dev.imgcls.tensor.spi.HostStorage;
import jcuda.Pointer;

/**
 * Strided box copies and fills on the device (shape.cu), for elements of 1, 4 or 8 bytes: the
 * data movement behind transpose / slice / pad / concat and the cuDNN paths' filter transposes,
 * explicit padding and gradient slicing. Pointers are kernel-parameter forms (Pointer.to(devptr)).
 */
final class CudaCopies {
    static final String FILE = "shape.cu";
    static final int MAX_RANK = CudaElementwiseKernels.MAX_RANK;

    private CudaCopies() {
    }

    /** Row-major element strides of a contiguous tensor of these dims. */
    static long[] strides(int[] dims) {
        long[] s = new long[dims.length];
        long acc = 1;
        for (int d = dims.length - 1; d >= 0; d--) {
            s[d] = acc;
            acc *= dims[d];
        }
        return s;
    }

    /**
     * Copies the box {@code dims}: element at coordinates c goes from src[srcBase + Σ c·srcStrides]
     * to dst[dstBase + Σ c·dstStrides].
     */
    static void copy(CudaContext c, int elementBytes, Pointer src, long srcBase, long[] srcStrides, Pointer dst, long dstBase,
            long[] dstStrides, int[] dims) {
        long n = 1;
        for (int d : dims) {
            n *= d;
        }
        if (n == 0) {
            return;
        }
        // CopyPlan: {rank, dims[8], srcStrides[8], dstStrides[8], srcBase, dstBase}; size-1 axes add nothing.
        long[] plan = new long[3 + 3 * MAX_RANK];
        int rank = 0;
        for (int d = 0; d < dims.length; d++) {
            if (dims[d] == 1) {
                continue;
            }
            if (rank == MAX_RANK) {
                throw new IllegalArgumentException("the CUDA copy kernel handles at most " + MAX_RANK + " non-unit axes, got "
                        + Arrays.toString(dims));
            }
            plan[1 + rank] = dims[d];
            plan[1 + MAX_RANK + rank] = srcStrides[d];
            plan[1 + 2 * MAX_RANK + rank] = dstStrides[d];
            rank++;
        }
        plan[0] = rank;
        plan[1 + 3 * MAX_RANK] = srcBase;
        plan[2 + 3 * MAX_RANK] = dstBase;
        c.launch1d(FILE, "strided_copy_b" + width(elementBytes), n, src, dst, longArg(n), Pointer.to(plan));
    }

    /** Sets n elements to the bit pattern {@code bits} (see {@link #bits}). */
    static void fill(CudaContext c, int elementBytes, Pointer dst, long n, long bits) {
        if (n > 0) {
            c.launch1d(FILE, "fill_b" + width(elementBytes), n, dst, longArg(n), longArg(bits));
        }
    }

    /** The bit pattern of {@code value} stored as {@code dtype}, converted as HostStorage.setDouble does. */
    static long bits(DType dtype, double value) {
        HostStorage one = HostStorage.allocate(dtype, 1);
        one.setDouble(0, value);
        return switch (dtype) {
            case FLOAT32 -> Float.floatToRawIntBits(one.floats()[0]) & 0xFFFFFFFFL;
            case FLOAT64 -> Double.doubleToRawLongBits(one.doubles()[0]);
            case INT32 -> one.ints()[0] & 0xFFFFFFFFL;
            case INT64 -> one.longs()[0];
            case UINT8 -> one.bytes()[0] & 0xFFL;
        };
    }

    static int width(int elementBytes) {
        if (elementBytes != 1 && elementBytes != 4 && elementBytes != 8) {
            throw new IllegalArgumentException("no CUDA copy kernel for " + elementBytes + "-byte elements");
        }
        return elementBytes;
    }
}

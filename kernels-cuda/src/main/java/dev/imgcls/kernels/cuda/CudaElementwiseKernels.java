package dev.imgcls.kernels.cuda;

import static dev.imgcls.kernels.cuda.CudaTensors.intArg;
import static dev.imgcls.kernels.cuda.CudaTensors.longArg;
import static dev.imgcls.kernels.cuda.CudaTensors.ptr;
import static dev.imgcls.kernels.cuda.CudaTensors.requireFloat32;

import java.util.function.Supplier;

import dev.imgcls.tensor.NoAttrs;
import dev.imgcls.tensor.OpDef;
import dev.imgcls.tensor.ops.ElementwiseOps;
import dev.imgcls.tensor.ops.ReduceOps;
import dev.imgcls.tensor.spi.KernelTable;
import jcuda.Pointer;

/** Unary math, activations, their gradients, broadcasting binary ops and broadcast_to: elementwise.cu. */
final class CudaElementwiseKernels {
    static final String FILE = "elementwise.cu";
    /** Must match the .cu's IMGCLS_MAX_RANK. */
    static final int MAX_RANK = 8;

    private CudaElementwiseKernels() {
    }

    static void register(KernelTable table, Supplier<CudaContext> cuda) {
        unary(table, cuda, ElementwiseOps.NEG, 0);
        unary(table, cuda, ElementwiseOps.IDENTITY, 1);
        unary(table, cuda, ElementwiseOps.RELU, 2);
        unary(table, cuda, ElementwiseOps.SIGMOID, 3);
        unary(table, cuda, ElementwiseOps.TANH, 4);
        unary(table, cuda, ElementwiseOps.SWISH, 5);
        unary(table, cuda, ElementwiseOps.EXP, 6);
        unary(table, cuda, ElementwiseOps.LOG, 7);
        unary(table, cuda, ElementwiseOps.SQRT, 8);
        unary(table, cuda, ElementwiseOps.RSQRT, 9);
        unary(table, cuda, ElementwiseOps.SQUARE, 10);
        unary(table, cuda, ElementwiseOps.GELU, 11);
        grad(table, cuda, ElementwiseOps.RELU_GRAD, 0);
        grad(table, cuda, ElementwiseOps.SIGMOID_GRAD, 1);
        grad(table, cuda, ElementwiseOps.TANH_GRAD, 2);
        grad(table, cuda, ElementwiseOps.SWISH_GRAD, 3);
        grad(table, cuda, ElementwiseOps.GELU_GRAD, 4);
        binary(table, cuda, ElementwiseOps.ADD, 0);
        binary(table, cuda, ElementwiseOps.SUB, 1);
        binary(table, cuda, ElementwiseOps.MUL, 2);
        binary(table, cuda, ElementwiseOps.DIV, 3);
        table.put(ReduceOps.BROADCAST_TO, (a, in, out) -> {
            requireFloat32("broadcast_to", in[0]);
            long n = out[0].numel();
            cuda.get().launch1d(FILE, "broadcast_copy_f32", n, ptr(in[0]), ptr(out[0]), longArg(n),
                    broadcastPlan(in[0].dims(), in[0].dims(), out[0].dims()));
        });
    }

    private static void unary(KernelTable table, Supplier<CudaContext> cuda, OpDef<NoAttrs> op, int code) {
        table.put(op, (a, in, out) -> {
            requireFloat32(op.name(), in[0]);
            cuda.get().launch1d(FILE, "unary_f32", in[0].numel(), ptr(in[0]), ptr(out[0]), longArg(in[0].numel()), intArg(code));
        });
    }

    private static void grad(KernelTable table, Supplier<CudaContext> cuda, OpDef<NoAttrs> op, int code) {
        table.put(op, (a, in, out) -> {
            requireFloat32(op.name(), in[0], in[1]);
            cuda.get().launch1d(FILE, "activation_grad_f32", in[0].numel(), ptr(in[0]), ptr(in[1]), ptr(out[0]),
                    longArg(in[0].numel()), intArg(code));
        });
    }

    private static void binary(KernelTable table, Supplier<CudaContext> cuda, OpDef<NoAttrs> op, int code) {
        table.put(op, (a, in, out) -> {
            requireFloat32(op.name(), in[0], in[1]);
            long n = out[0].numel();
            CudaContext c = cuda.get();
            if (in[0].shape().equals(out[0].shape()) && in[1].shape().equals(out[0].shape())) {
                c.launch1d(FILE, "binary_same_f32", n, ptr(in[0]), ptr(in[1]), ptr(out[0]), longArg(n), intArg(code));
            } else {
                c.launch1d(FILE, "binary_broadcast_f32", n, ptr(in[0]), ptr(in[1]), ptr(out[0]), longArg(n), intArg(code),
                        broadcastPlan(in[0].dims(), in[1].dims(), out[0].dims()));
            }
        });
    }

    /**
     * The BroadcastPlan struct {rank, dims[8], strideA[8], strideB[8]} as 25 longs: output dims
     * (size-1 axes dropped, they add nothing) and each input's element stride per output axis,
     * 0 where that input is broadcast. Inputs are right-aligned to the output (NumPy rules).
     */
    static Pointer broadcastPlan(int[] a, int[] b, int[] out) {
        long[] sa = rightAlignedStrides(a, out.length);
        long[] sb = rightAlignedStrides(b, out.length);
        long[] plan = new long[1 + 3 * MAX_RANK];
        int rank = 0;
        for (int d = 0; d < out.length; d++) {
            if (out[d] == 1) {
                continue;
            }
            if (rank == MAX_RANK) {
                throw new IllegalArgumentException("the CUDA broadcast kernel handles at most " + MAX_RANK
                        + " non-unit axes, got output shape " + java.util.Arrays.toString(out));
            }
            plan[1 + rank] = out[d];
            plan[1 + MAX_RANK + rank] = sa[d];
            plan[1 + 2 * MAX_RANK + rank] = sb[d];
            rank++;
        }
        plan[0] = rank;
        return Pointer.to(plan);
    }

    /** Strides of a row-major input seen through the output's axes; 0 on broadcast (size-1 or missing) axes. */
    static long[] rightAlignedStrides(int[] dims, int outRank) {
        long[] strides = new long[outRank];
        long s = 1;
        for (int i = dims.length - 1, d = outRank - 1; i >= 0; i--, d--) {
            strides[d] = dims[i] == 1 ? 0 : s;
            s *= dims[i];
        }
        return strides;
    }
}

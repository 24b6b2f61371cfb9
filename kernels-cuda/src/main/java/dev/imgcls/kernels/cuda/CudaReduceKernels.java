package dev.imgcls.kernels.cuda;

import static dev.imgcls.kernels.cuda.CudaTensors.intArg;
import static dev.imgcls.kernels.cuda.CudaTensors.longArg;
import static dev.imgcls.kernels.cuda.CudaTensors.ptr;
import static dev.imgcls.kernels.cuda.CudaTensors.requireFloat32;

import java.util.Arrays;
import java.util.function.Supplier;

import dev.imgcls.tensor.OpDef;
import dev.imgcls.tensor.ops.ReduceOps;
import dev.imgcls.tensor.ops.ReduceOps.ReduceAttrs;
import dev.imgcls.tensor.spi.KernelTable;
import jcuda.Pointer;
import jcuda.Sizeof;

/**
 * sum and max over any axes: reduce.cu, a warp or (for long reductions to few outputs) a block per
 * output element; max_grad: a count of the maxima per output, then one thread per input element.
 */
final class CudaReduceKernels {
    static final String FILE = "reduce.cu";
    static final int MAX_RANK = CudaElementwiseKernels.MAX_RANK;
    static final long BLOCK_PER_OUTPUT_MIN = 4096;
    static final long BLOCK_PER_OUTPUT_MAX_OUTPUTS = 65535;

    private CudaReduceKernels() {
    }

    static void register(KernelTable table, Supplier<CudaContext> cuda) {
        reduce(table, cuda, ReduceOps.SUM, 0);
        reduce(table, cuda, ReduceOps.MAX, 1);
        table.put(ReduceOps.MAX_GRAD, (a, in, out) -> {
            requireFloat32("max_grad", in[0], in[1], in[2]);
            CudaContext c = cuda.get();
            long n = in[0].numel();
            long outCount = in[1].numel();
            if (n == 0) {
                return;
            }
            int[] dims = in[0].dims();
            int[] reduced = a.resolve(in[0].shape());
            try (CudaScratch s = new CudaScratch(c)) {
                CudaAllocator.Block count = s.allocate(outCount * Sizeof.FLOAT);
                long blocks = Math.max(1, Math.min((outCount + 7) / 8, 65535L * 8));
                c.launch(FILE, "max_grad_count_f32", (int) blocks, 1, 256, 1, ptr(in[0]), ptr(in[1]), CudaScratch.param(count),
                        longArg(outCount), plan(dims, reduced));
                c.launch1d(FILE, "max_grad_f32", n, ptr(in[0]), ptr(in[1]), ptr(in[2]), CudaScratch.param(count), ptr(out[0]), longArg(n),
                        outputIndexPlan(dims, reduced));
            }
        });
    }

    /**
     * A BroadcastPlan over the input's dims whose strideA maps an input element to its output
     * element: the output's row-major strides on kept axes, 0 on reduced ones.
     */
    static Pointer outputIndexPlan(int[] dims, int[] reducedAxes) {
        int[] outDims = dims.clone();
        for (int axis : reducedAxes) {
            outDims[axis] = 1;
        }
        long[] outStrides = CudaCopies.strides(outDims);
        long[] plan = new long[1 + 3 * MAX_RANK];
        int rank = 0;
        for (int d = 0; d < dims.length; d++) {
            if (dims[d] == 1) {
                continue;
            }
            if (rank == MAX_RANK) {
                throw new IllegalArgumentException("the CUDA max_grad kernel handles at most " + MAX_RANK + " non-unit axes, got "
                        + Arrays.toString(dims));
            }
            plan[1 + rank] = dims[d];
            plan[1 + MAX_RANK + rank] = outDims[d] == 1 ? 0 : outStrides[d];
            rank++;
        }
        plan[0] = rank;
        return Pointer.to(plan);
    }

    private static void reduce(KernelTable table, Supplier<CudaContext> cuda, OpDef<ReduceAttrs> op, int code) {
        table.put(op, (a, in, out) -> {
            requireFloat32(op.name(), in[0]);
            long outCount = out[0].numel();
            int[] reduced = a.resolve(in[0].shape());
            long redCount = outCount == 0 ? 0 : in[0].numel() / outCount;
            CudaContext c = cuda.get();
            if (redCount >= BLOCK_PER_OUTPUT_MIN && outCount <= BLOCK_PER_OUTPUT_MAX_OUTPUTS) {
                // Few outputs over many elements: a whole 256-thread block per output keeps the GPU busy.
                c.launch(FILE, "reduce_block_f32", (int) Math.max(1, outCount), 1, 256, 1, ptr(in[0]), ptr(out[0]), longArg(outCount),
                        intArg(code), plan(in[0].dims(), reduced));
            } else {
                // One warp (32 threads) per output element; 256-thread blocks hold 8 warps.
                long blocks = Math.max(1, Math.min((outCount + 7) / 8, 65535L * 8));
                c.launch(FILE, "reduce_f32", (int) blocks, 1, 256, 1, ptr(in[0]), ptr(out[0]), longArg(outCount), intArg(code),
                        plan(in[0].dims(), reduced));
            }
        });
    }

    /**
     * The ReducePlan struct as 35 longs: {keptRank, keptDims[8], keptStrides[8], redRank,
     * redDims[8], redStrides[8], redCount}, strides in input elements. Size-1 axes are dropped;
     * the output's row-major order is the kept axes' order, so kept index o decomposes over keptDims.
     */
    static Pointer plan(int[] dims, int[] reducedAxes) {
        long[] strides = new long[dims.length];
        long s = 1;
        for (int d = dims.length - 1; d >= 0; d--) {
            strides[d] = s;
            s *= dims[d];
        }
        long[] plan = new long[3 + 4 * MAX_RANK];
        int kept = 0;
        int red = 0;
        long redCount = 1;
        for (int d = 0; d < dims.length; d++) {
            boolean reduced = Arrays.binarySearch(reducedAxes, d) >= 0;
            redCount *= reduced ? dims[d] : 1;
            if (dims[d] == 1) {
                continue;
            }
            if (reduced ? red == MAX_RANK : kept == MAX_RANK) {
                throw new IllegalArgumentException("the CUDA reduce kernel handles at most " + MAX_RANK + " non-unit axes, got "
                        + Arrays.toString(dims));
            }
            if (reduced) {
                plan[2 + 2 * MAX_RANK + red] = dims[d];
                plan[2 + 3 * MAX_RANK + red] = strides[d];
                red++;
            } else {
                plan[1 + kept] = dims[d];
                plan[1 + MAX_RANK + kept] = strides[d];
                kept++;
            }
        }
        plan[0] = kept;
        plan[1 + 2 * MAX_RANK] = red;
        plan[2 + 4 * MAX_RANK] = redCount;
        return Pointer.to(plan);
    }
}

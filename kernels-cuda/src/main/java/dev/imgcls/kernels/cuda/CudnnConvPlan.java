package dev.imgcls.kernels.cuda;

import java.util.Arrays;

import dev.imgcls.tensor.ops.ConvOps.Geometry;

/**
 * How one convolution shape runs on cuDNN: descriptors, the padding decision and the algorithm of
 * each direction (chosen on first use by cuDNN's _v7 heuristic, then kept).
 *
 * <p>Padding: cuDNN pads symmetrically, TF's SAME can put one more pixel at the bottom/right.
 * When cuDNN's output with {@code pad = (padTop, padLeft)} has our output size, the windows are the
 * same and cuDNN pads (the extra pixel is never read); otherwise we pad the input explicitly by
 * (top, bottom, left, right) and run cuDNN without padding (and slice the input gradient back).
 *
 * <p>Filters: ours are HWIO {@code [kh, kw, cin/groups, cout]}; cuDNN's NHWC filter format is KRSC
 * {@code [cout, kh, kw, cin/groups]}, and it has no strided filter descriptor, so the filter is
 * transposed into KRSC for the call (and the filter gradient back into HWIO).
 *
 * <p>Math: FP32 with CUDNN_FMA_MATH, so no TF32 tensor-core rounding (results match the reference).
 */
final class CudnnConvPlan {
    /** Workspace above which an algorithm is taken only when nothing smaller works. */
    static final long PREFERRED_MAX_WORKSPACE = 512L << 20;

    /** An algorithm and its workspace size. */
    record Algo(int algo, long workspaceBytes) {
    }

    final Geometry g;
    final boolean explicitPadding;
    final int padTop;
    final int padLeft;
    /** Input rows / columns as cuDNN sees them (padded when {@link #explicitPadding}). */
    final int inH;
    final int inW;
    final long xDesc;
    final long wDesc;
    final long yDesc;
    private final long handle;
    private final long forwardConv;
    private final long backwardDataConv;
    private final long backwardFilterConv;
    private Algo forward;
    private Algo backwardData;
    private Algo backwardFilter;

    CudnnConvPlan(CudnnPlans plans, Geometry g) {
        this.g = g;
        this.handle = plans.handle();
        this.padTop = g.padTop();
        this.padLeft = g.padLeft();
        explicitPadding = needsExplicitPadding(g);
        inH = explicitPadding ? g.padTop() + g.h() + padAfter(g.h(), g.kh(), g.strideH(), g.padTop(), g.oh()) : g.h();
        inW = explicitPadding ? g.padLeft() + g.w() + padAfter(g.w(), g.kw(), g.strideW(), g.padLeft(), g.ow()) : g.w();
        int cudnnPadH = explicitPadding ? 0 : g.padTop();
        int cudnnPadW = explicitPadding ? 0 : g.padLeft();
        xDesc = plans.tensor(Cudnn.TENSOR_NHWC, g.n(), g.cin(), inH, inW);
        yDesc = plans.tensor(Cudnn.TENSOR_NHWC, g.n(), g.cout(), g.oh(), g.ow());
        wDesc = Cudnn.createFilter4d(Cudnn.TENSOR_NHWC, g.cout(), g.cin() / g.groups(), g.kh(), g.kw());
        forwardConv = convolution(cudnnPadH, cudnnPadW);
        backwardDataConv = convolution(cudnnPadH, cudnnPadW);
        backwardFilterConv = convolution(cudnnPadH, cudnnPadW);
        int[] dims = Cudnn.convolutionForwardOutputDim(forwardConv, xDesc, wDesc);
        int[] expected = {g.n(), g.cout(), g.oh(), g.ow()};
        if (!Arrays.equals(dims, expected)) {
            throw new IllegalStateException("cuDNN computes output " + Arrays.toString(dims) + " (n, c, h, w) for " + g + ", expected "
                    + Arrays.toString(expected));
        }
    }

    private long convolution(int padH, int padW) {
        return Cudnn.createConvolution(padH, padW, g.strideH(), g.strideW(), g.groups(), Cudnn.FMA_MATH);
    }

    /** True when cuDNN's symmetric padding (padTop, padLeft) would not give our output size. */
    static boolean needsExplicitPadding(Geometry g) {
        return symmetricOut(g.h(), g.kh(), g.strideH(), g.padTop()) != g.oh()
                || symmetricOut(g.w(), g.kw(), g.strideW(), g.padLeft()) != g.ow();
    }

    /** cuDNN's output size with pad p on both sides, or -1 when the window does not fit. */
    static int symmetricOut(int in, int k, int stride, int pad) {
        int padded = in + 2 * pad;
        return padded < k ? -1 : (padded - k) / stride + 1;
    }

    /** Rows to add after the input so that out windows of k at this stride fit exactly (≥ 0). */
    static int padAfter(int in, int k, int stride, int padBefore, int out) {
        return Math.max(0, (out - 1) * stride + k - in - padBefore);
    }

    long forwardConv() {
        return forwardConv;
    }

    long backwardDataConv() {
        return backwardDataConv;
    }

    long backwardFilterConv() {
        return backwardFilterConv;
    }

    synchronized Algo forward() {
        if (forward == null) {
            long[] perf = Cudnn.forwardAlgorithms(handle, xDesc, wDesc, forwardConv, yDesc);
            int i = choose(perf, "forward", forwardConv);
            int algo = (int) perf[i * Cudnn.PERF_FIELDS];
            forward = new Algo(algo, Cudnn.forwardWorkspaceSize(handle, xDesc, wDesc, forwardConv, yDesc, algo));
        }
        return forward;
    }

    synchronized Algo backwardData() {
        if (backwardData == null) {
            long[] perf = Cudnn.backwardDataAlgorithms(handle, wDesc, yDesc, backwardDataConv, xDesc);
            int i = choose(perf, "backward-data", backwardDataConv);
            int algo = (int) perf[i * Cudnn.PERF_FIELDS];
            backwardData = new Algo(algo, Cudnn.backwardDataWorkspaceSize(handle, wDesc, yDesc, backwardDataConv, xDesc, algo));
        }
        return backwardData;
    }

    synchronized Algo backwardFilter() {
        if (backwardFilter == null) {
            long[] perf = Cudnn.backwardFilterAlgorithms(handle, xDesc, yDesc, backwardFilterConv, wDesc);
            int i = choose(perf, "backward-filter", backwardFilterConv);
            int algo = (int) perf[i * Cudnn.PERF_FIELDS];
            backwardFilter = new Algo(algo, Cudnn.backwardFilterWorkspaceSize(handle, xDesc, yDesc, backwardFilterConv, wDesc, algo));
        }
        return backwardFilter;
    }

    /**
     * The heuristic's best usable answer, preferring FP32-FMA math, deterministic algorithms
     * (reproducible runs) and workspaces up to {@link #PREFERRED_MAX_WORKSPACE}; the descriptor
     * gets the chosen answer's math type, as cuDNN advises.
     */
    private int choose(long[] perf, String direction, long conv) {
        int count = perf.length / Cudnn.PERF_FIELDS;
        int pick = -1;
        for (int pass = 0; pass < 3 && pick < 0; pass++) {
            for (int i = 0; i < count && pick < 0; i++) {
                boolean ok = perf[i * Cudnn.PERF_FIELDS + 1] == 0;
                boolean fma = perf[i * Cudnn.PERF_FIELDS + 4] == Cudnn.FMA_MATH;
                boolean deterministic = perf[i * Cudnn.PERF_FIELDS + 3] == Cudnn.DETERMINISTIC;
                boolean small = perf[i * Cudnn.PERF_FIELDS + 2] <= PREFERRED_MAX_WORKSPACE;
                if (ok && (pass == 2 || fma && small) && (pass >= 1 || deterministic)) {
                    pick = i;
                }
            }
        }
        if (pick < 0) {
            throw new IllegalStateException("cuDNN offers no " + direction + " convolution algorithm for " + g + " (" + count + " answers, none usable)");
        }
        int math = (int) perf[pick * Cudnn.PERF_FIELDS + 4];
        if (math != Cudnn.FMA_MATH) {
            System.err.println("[imgcls] cuDNN has no FP32-FMA " + direction + " algorithm for " + g + "; using math type " + math
                    + " (set NVIDIA_TF32_OVERRIDE=0 to keep TF32 off)");
        }
        Cudnn.setConvolutionMathType(conv, math);
        return pick;
    }
}

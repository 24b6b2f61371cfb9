package dev.imgcls.kernels.cpu.conv;

import dev.imgcls.kernels.cpu.Parallel;
import dev.imgcls.kernels.cpu.VectorSupport;
import dev.imgcls.kernels.cpu.gemm.DenseMatrix;
import dev.imgcls.kernels.cpu.gemm.Sgemm;
import dev.imgcls.tensor.ops.ConvOps.Geometry;

/**
 * FLOAT32 2-D convolution over NHWC input and HWIO filters, its input gradient and its filter
 * gradient. Depthwise convolutions (one input and one output channel per group) run as direct
 * loops vectorised over channels; 3×3 stride-1 convolutions with enough channels and tiles run
 * as Winograd F(2×2, 3×3) ({@link Winograd}, rule in {@link #winograd}); small images whose
 * padding would waste much of the GEMM run one GEMM per tap over the pixels inside the image
 * ({@link TapwiseConv}); everything else runs per group as an implicit GEMM whose
 * operands are gathered from the tensors block by block:
 * <ul>
 *   <li>forward: y[N·OH·OW, Cout/g] = im2col(x)·w[KH·KW·Cin/g, Cout/g];</li>
 *   <li>input gradient: per stride phase, dx[phase pixels, Cin/g] = gather(dy)·wᵀ over the
 *       phase's taps (see {@link StridePhase}), which writes each dx element exactly once; for
 *       few channels per group, dy·wᵀ into im2col columns scattered back ({@link ColumnGradient});</li>
 *   <li>filter gradient: dwᵀ[Cout/g, KH·KW·Cin/g] = dyᵀ·im2col(x), the output pixels split
 *       over threads into partial sums that are added (and transposed) at the end.</li>
 * </ul>
 * {@code threads} ≤ 0 means the whole CPU pool. Outputs are overwritten.
 */
public final class Conv2d {
    /** Output pixels per thread below which the filter gradient is not split. */
    private static final int MIN_PIXELS_PER_CHUNK = 256;
    /** Largest per-thread partial filter gradient (floats) worth splitting the pixels for. */
    private static final long MAX_PARTIAL_FLOATS = 1 << 20;

    /**
     * Input channels per group from which the input gradient runs as stride-phase GEMMs (whose
     * output width is Cin/g); below it, as im2col gradient plus scatter ({@link ColumnGradient}).
     */
    static final int MIN_PHASE_CHANNELS = 32;

    /**
     * {@code -Dimgcls.conv.winograd=false} keeps 3×3 stride-1 convolutions on the direct paths. Read
     * on every call, so a benchmark can compare both paths in one JVM.
     */
    public static final String WINOGRAD_PROPERTY = "imgcls.conv.winograd";
    /**
     * Winograd must save at least 30% of the multiply-adds to pay for its transforms and their memory
     * traffic: ResNet's 7×7×512 layer (0.71 of the tap-wise work) measured no faster with it
     * (WinogradBenchmark, batch 32, 2 threads, AVX2 EPYC, 2026-12-08), the 56/28/14 layers (0.44-0.49) 1.5-2× faster.
     */
    static final double WINOGRAD_MAX_MAC_SHARE = 0.70;
    static final int WINOGRAD_MIN_CHANNELS = 16;
    static final int WINOGRAD_MIN_TILES = 64;

    private Conv2d() {
    }

    /**
     * Whether a pass runs as Winograd F(2×2, 3×3): the convolution is 3×3, stride 1, one group,
     * with at least 16 input and 16 output channels, the Vector API on and
     * {@link #WINOGRAD_PROPERTY} not false; the pass's output (y, or dx for the input gradient)
     * has at least 64 2×2 tiles over the batch (fewer amortise neither the filter transform nor
     * each packed U[ξ] in the GEMMs); and Winograd's multiply-adds, 16 per tile with partial
     * tiles counted whole, are at most 3/4 of the direct path's (9 per output pixel for im2col,
     * only the in-image taps where {@link TapwiseConv} applies). ResNet's 56, 28 and 14 maps
     * come to 0.44–0.49 of the direct work, 7×7 to 0.71 of the tap-wise work and 4×4 to 0.64;
     * 5×5 (0.85), 3×3 and 2×2 maps stay direct.
     */
    public static boolean winograd(Geometry g, boolean inputGradient) {
        if (g.kh() != 3 || g.kw() != 3 || g.strideH() != 1 || g.strideW() != 1 || g.groups() != 1
                || Math.min(g.cin(), g.cout()) < WINOGRAD_MIN_CHANNELS || !VectorSupport.enabled()
                || !Boolean.parseBoolean(System.getProperty(WINOGRAD_PROPERTY, "true"))) {
            return false;
        }
        int outH = inputGradient ? g.h() : g.oh();
        int outW = inputGradient ? g.w() : g.ow();
        long winograd = Winograd.macs(g.n(), outH, outW);
        long direct = g.n() * (TapwiseConv.applies(g) ? TapwiseConv.inImageTaps(g) : 9L * g.oh() * g.ow());
        return winograd >= 16L * WINOGRAD_MIN_TILES && winograd <= WINOGRAD_MAX_MAC_SHARE * direct;
    }

    private static int resolve(int threads) {
        return threads <= 0 ? Parallel.threads() : Math.min(threads, Parallel.threads());
    }

    /** One input and one output channel per group: handled by {@link Depthwise}. */
    public static boolean isDepthwise(Geometry g) {
        return g.groups() == g.cin() && g.cout() == g.cin();
    }

    public static void forward(Geometry g, float[] x, float[] w, float[] y, int threads) {
        if (winograd(g, false)) {
            Winograd.forward(g, x, w, y, resolve(threads));
            return;
        }
        forwardDirect(g, x, w, y, threads);
    }

    /** {@link #forward} on the paths other than Winograd. */
    static void forwardDirect(Geometry g, float[] x, float[] w, float[] y, int threads) {
        if (isDepthwise(g)) {
            Depthwise.kernels().forward(g, x, w, y, threads);
            return;
        }
        if (TapwiseConv.applies(g)) {
            TapwiseConv.forward(g, x, w, y, threads);
            return;
        }
        int coutG = g.cout() / g.groups();
        for (int group = 0; group < g.groups(); group++) {
            Im2col cols = new Im2col(g, x, group);
            Sgemm.run(cols.rows(), coutG, cols.columns(), new Im2colRows(cols),
                    DenseMatrix.of(w, group * coutG, g.cout()), DenseMatrix.of(y, group * coutG, g.cout()), false, threads);
        }
    }

    public static void backwardInput(Geometry g, float[] dy, float[] w, float[] dx, int threads) {
        if (winograd(g, true)) {
            Winograd.backwardInput(g, dy, w, dx, resolve(threads));
            return;
        }
        backwardInputDirect(g, dy, w, dx, threads);
    }

    /** {@link #backwardInput} on the paths other than Winograd. */
    static void backwardInputDirect(Geometry g, float[] dy, float[] w, float[] dx, int threads) {
        if (isDepthwise(g)) {
            Depthwise.kernels().backwardInput(g, dy, w, dx, threads);
            return;
        }
        if (TapwiseConv.applies(g)) {
            TapwiseConv.backwardInput(g, dy, w, dx, threads);
            return;
        }
        int cinG = g.cin() / g.groups();
        int coutG = g.cout() / g.groups();
        if (cinG < MIN_PHASE_CHANNELS) {
            ColumnGradient.backwardInput(g, dy, w, dx, resolve(threads));
            return;
        }
        for (int group = 0; group < g.groups(); group++) {
            for (int ry = 0; ry < g.strideH(); ry++) {
                for (int rx = 0; rx < g.strideW(); rx++) {
                    StridePhase phase = new StridePhase(g, ry, rx, dx, group);
                    // A phase that meets no tap (1×1 stride 2 off the grid) gets zeros.
                    Sgemm.run(phase.rows(), cinG, phase.taps() * coutG, new OutputGradientRows(phase, dy, group),
                            new TransposedFilter(phase, w, group), phase, false, threads);
                }
            }
        }
    }

    /**
     * The filter gradient of a 1×1 convolution that widens the channels, as dw[Cin, Cout] =
     * xᵀ·dy over the pixels: the GEMM transposes the narrower operand (x's Cin-wide rows) while
     * packing and copies dy's wide rows as they lie. The general path (dwᵀ = dyᵀ·x) would
     * transpose dy, the wider one, and spend as long packing as multiplying (ResNet-50's 64→256
     * at 56×56 ran at ≈80 GFLOP/s). Pixels split over threads into partial sums, as below.
     */
    private static void pointwiseExpandingFilterGradient(Geometry g, float[] x, float[] dy, float[] dw, int t) {
        TapPixels pixels = new TapPixels(g, 0, 0); // every output pixel with its input pixel
        int rows = pixels.rows();
        int size = g.cin() * g.cout();
        int chunks = Math.max(1, Math.min(t, rows / MIN_PIXELS_PER_CHUNK));
        float[][] partial = new float[chunks][];
        partial[0] = dw;
        for (int i = 1; i < chunks; i++) {
            partial[i] = new float[size];
        }
        PixelRows xRows = new PixelRows(x, pixels.inputs(), g.cin());
        PixelRows dyRows = new PixelRows(dy, pixels.outputs(), g.cout());
        Parallel.forChunks(chunks, (i, count) -> {
            int k0 = (int) ((long) rows * i / count);
            int k1 = (int) ((long) rows * (i + 1) / count);
            Sgemm.run(g.cin(), g.cout(), k0, k1, xRows.transposed(), dyRows, DenseMatrix.of(partial[i], 0, g.cout()), false, 1);
        });
        if (chunks > 1) {
            Parallel.forRange(size, 1 << 14, (s0, s1) -> {
                for (int j = s0; j < s1; j++) {
                    float sum = dw[j];
                    for (int i = 1; i < chunks; i++) {
                        sum += partial[i][j];
                    }
                    dw[j] = sum;
                }
            });
        }
    }

    public static void backwardFilter(Geometry g, float[] x, float[] dy, float[] dw, int threads) {
        if (winograd(g, false)) {
            Winograd.backwardFilter(g, x, dy, dw, resolve(threads));
            return;
        }
        backwardFilterDirect(g, x, dy, dw, threads);
    }

    /** {@link #backwardFilter} on the paths other than Winograd. */
    static void backwardFilterDirect(Geometry g, float[] x, float[] dy, float[] dw, int threads) {
        if (isDepthwise(g)) {
            Depthwise.kernels().backwardFilter(g, x, dy, dw, threads);
            return;
        }
        if (TapwiseConv.applies(g)) {
            TapwiseConv.backwardFilter(g, x, dy, dw, threads);
            return;
        }
        if (g.kh() * g.kw() == 1 && g.groups() == 1 && g.cin() < g.cout()) {
            pointwiseExpandingFilterGradient(g, x, dy, dw, resolve(threads));
            return;
        }
        int coutG = g.cout() / g.groups();
        int pixels = g.n() * g.oh() * g.ow();
        int t = resolve(threads);
        int rows = g.kh() * g.kw() * (g.cin() / g.groups());
        // Split the pixels (the reduction) over threads unless dw is big enough to split itself:
        // then one buffer, and the GEMM divides its rows or columns.
        boolean splitPixels = (long) coutG * rows <= MAX_PARTIAL_FLOATS;
        int chunks = splitPixels ? Math.max(1, Math.min(t, pixels / MIN_PIXELS_PER_CHUNK)) : 1;
        int gemmThreads = splitPixels ? 1 : t;
        float[][] partial = new float[chunks][coutG * rows];
        for (int group = 0; group < g.groups(); group++) {
            Im2col cols = new Im2col(g, x, group);
            DenseMatrix dyT = new DenseMatrix(dy, group * coutG, g.cout(), true);
            Im2colPanels im2col = new Im2colPanels(cols);
            Parallel.forChunks(chunks, (i, count) -> {
                int k0 = (int) ((long) pixels * i / count);
                int k1 = (int) ((long) pixels * (i + 1) / count);
                Sgemm.run(coutG, rows, k0, k1, dyT, im2col, DenseMatrix.of(partial[i], 0, rows), false, gemmThreads);
            });
            // dw[k][group·coutG + co] = Σ_chunks dwᵀ[co][k].
            int base = group * coutG;
            Parallel.forRange(rows, 64, (k0, k1) -> {
                for (int k = k0; k < k1; k++) {
                    int d = k * g.cout() + base;
                    for (int co = 0; co < coutG; co++) {
                        float s = 0;
                        for (float[] p : partial) {
                            s += p[co * rows + k];
                        }
                        dw[d + co] = s;
                    }
                }
            });
        }
    }
}

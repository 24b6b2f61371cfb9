package dev.imgcls.kernels.cpu.conv;

import dev.imgcls.kernels.cpu.Parallel;
import dev.imgcls.kernels.cpu.gemm.DenseMatrix;
import dev.imgcls.kernels.cpu.gemm.Sgemm;
import dev.imgcls.tensor.ops.ConvOps.Geometry;

/**
 * 3×3 stride-1 convolution by Winograd F(2×2, 3×3): each 2×2 output tile costs 16 multiply-adds
 * per input·output channel pair instead of 36. With the filter transformed once per call, U[ξ] =
 * (G·g·Gᵀ)[ξ] as 16 Cin×Cout matrices, the tiles run in blocks: the block's 4×4 input windows are
 * transformed, V = Bᵀ·d·B, into 16 tiles×Cin matrices, 16 independent GEMMs give M[ξ] = V[ξ]·U[ξ],
 * and the output transform Aᵀ·M·A writes each tile's 2×2 outputs. A block is sized so its V and
 * M stay near L2 while still giving each GEMM enough rows to reuse its packed U[ξ]; blocks are
 * split over threads, each with its own buffers and single-threaded GEMMs.
 *
 * <p>The input gradient of a stride-1 convolution is the convolution of dy with the filter
 * rotated 180° and its channel axes swapped, padded 2 − pad: the same forward path. The filter
 * gradient runs the products backwards: dU[ξ] = Σ_tiles V[ξ]ᵀ·dM[ξ] with dM = A·dY·Aᵀ, summed
 * over tile blocks (per-thread partial sums when dU is small, else blocks one after another with
 * threaded GEMMs), then dg = Gᵀ·dU·G.
 *
 * <p>Rounding: the transforms' constants are 0, ±1 and ±½ and each transformed value sums at
 * most 9 (filter) or 16 (tile) terms, so FP32 results stay within a small multiple of the direct
 * path's rounding; {@code WinogradTest} states the measured bounds. Needs the Vector API.
 */
final class Winograd {
    /** The filter gradient keeps per-thread partial sums of dU up to this many floats (4 MiB). */
    private static final long MAX_PARTIAL_FLOATS = 1 << 20;
    /** Bytes of V and M per block to aim for (about L2)… */
    private static final long BLOCK_BYTES = 1 << 20;
    /** …but at least this many tiles, for the GEMM's reuse of each packed U[ξ], and at most this many. */
    private static final int MIN_BLOCK = 128;
    private static final int MAX_BLOCK = 384;

    private Winograd() {
    }

    /** Multiply-adds per input·output channel pair: 16 per 2×2 tile, partial tiles counted whole. */
    static long macs(int n, int outH, int outW) {
        return 16L * n * ((outH + 1) / 2) * ((outW + 1) / 2);
    }

    static void forward(Geometry g, float[] x, float[] w, float[] y, int threads) {
        float[] u = WinogradScratch.get().filter(16 * g.cin() * g.cout());
        transformFilter(w, g.cin(), g.cout(), u, threads);
        convolve(g, x, u, y, threads);
    }

    /** dx = dy convolved with w rotated 180°, Cin and Cout swapped, padding 2 − pad (negative: cropped). */
    static void backwardInput(Geometry g, float[] dy, float[] w, float[] dx, int threads) {
        Geometry back = new Geometry(g.n(), g.oh(), g.ow(), g.cout(), 3, 3, g.cin(), g.h(), g.w(), 1, 1,
                2 - g.padTop(), 2 - g.padLeft(), 1);
        WinogradScratch own = WinogradScratch.get();
        float[] flipped = own.flipped(9 * g.cin() * g.cout());
        flip(w, g.cin(), g.cout(), flipped, threads);
        float[] u = own.filter(16 * g.cin() * g.cout());
        transformFilter(flipped, g.cout(), g.cin(), u, threads);
        convolve(back, dy, u, dx, threads);
    }

    /** y = the convolution of x (tiles of g) with the transformed filter u. */
    private static void convolve(Geometry g, float[] x, float[] u, float[] y, int threads) {
        WinogradTiles tiles = new WinogradTiles(g);
        int cin = g.cin();
        int cout = g.cout();
        int total = tiles.count();
        int block = blockTiles(total, cin, cout, threads);
        int blocks = ceilDiv(total, block);
        Parallel.forChunks(Math.min(threads, blocks), (i, count) -> {
            WinogradScratch own = WinogradScratch.get();
            float[] v = own.tiles(16 * block * cin);
            float[] m = own.products(16 * block * cout);
            float[] patch = own.patch(16 * cin);
            for (int b = blocks * i / count; b < blocks * (i + 1) / count; b++) {
                int p0 = b * block;
                int rows = Math.min(block, total - p0);
                tiles.inputs(x, p0, 0, rows, block, v, patch);
                for (int xi = 0; xi < 16; xi++) {
                    Sgemm.run(rows, cout, cin, DenseMatrix.of(v, xi * block * cin, cin), DenseMatrix.of(u, xi * cin * cout, cout),
                            DenseMatrix.of(m, xi * block * cout, cout), false, 1);
                }
                tiles.outputs(m, p0, 0, rows, block, y);
            }
        });
    }

    static void backwardFilter(Geometry g, float[] x, float[] dy, float[] dw, int threads) {
        WinogradTiles tiles = new WinogradTiles(g);
        int cin = g.cin();
        int cout = g.cout();
        int size = 16 * cin * cout;
        int total = tiles.count();
        WinogradScratch own = WinogradScratch.get();
        float[] du;
        if (size <= MAX_PARTIAL_FLOATS) {
            int block = blockTiles(total, cin, cout, threads);
            int blocks = ceilDiv(total, block);
            int chunks = Math.min(threads, blocks);
            float[][] partial = own.partials(chunks, size);
            Parallel.forChunks(chunks, (i, count) -> {
                WinogradScratch mine = WinogradScratch.get();
                float[] v = mine.tiles(16 * block * cin);
                float[] dm = mine.products(16 * block * cout);
                float[] patch = mine.patch(16 * cin);
                int first = blocks * i / count;
                for (int b = first; b < blocks * (i + 1) / count; b++) {
                    int p0 = b * block;
                    int rows = Math.min(block, total - p0);
                    tiles.inputs(x, p0, 0, rows, block, v, patch);
                    tiles.outputGradients(dy, p0, 0, rows, block, dm);
                    filterProducts(v, dm, block, rows, cin, cout, partial[i], b > first, 1);
                }
            });
            du = partial[0];
            if (chunks > 1) {
                Parallel.forRange(size, 1 << 14, (s0, s1) -> {
                    for (int j = s0; j < s1; j++) {
                        float s = du[j];
                        for (int i = 1; i < chunks; i++) {
                            s += partial[i][j];
                        }
                        du[j] = s;
                    }
                });
            }
        } else {
            // dU too big to keep one per thread: blocks one after another, threads splitting the transforms and the GEMMs.
            int block = blockTiles(total, cin, cout, 1);
            float[] v = own.tiles(16 * block * cin);
            float[] dm = own.products(16 * block * cout);
            du = own.partials(1, size)[0];
            for (int p0 = 0; p0 < total; p0 += block) {
                int start = p0;
                int rows = Math.min(block, total - p0);
                Parallel.forChunks(Math.min(threads, rows), (i, count) -> {
                    float[] patch = WinogradScratch.get().patch(16 * cin);
                    int r0 = rows * i / count;
                    int r1 = rows * (i + 1) / count;
                    tiles.inputs(x, start, r0, r1, block, v, patch);
                    tiles.outputGradients(dy, start, r0, r1, block, dm);
                });
                filterProducts(v, dm, block, rows, cin, cout, du, p0 > 0, threads);
            }
        }
        Parallel.forRange(cin, 8, (c0, c1) -> {
            for (int ci = c0; ci < c1; ci++) {
                WinogradTransforms.filterGradient(du, ci * cout, cin * cout, dw, ci * cout, cin * cout, cout);
            }
        });
    }

    /** dU[ξ] (+)= V[ξ]ᵀ·dM[ξ] over one block's {@code rows} tiles. */
    private static void filterProducts(float[] v, float[] dm, int block, int rows, int cin, int cout, float[] du, boolean accumulate, int threads) {
        for (int xi = 0; xi < 16; xi++) {
            Sgemm.run(cin, cout, rows, new DenseMatrix(v, xi * block * cin, cin, true), DenseMatrix.of(dm, xi * block * cout, cout),
                    DenseMatrix.of(du, xi * cin * cout, cout), accumulate, threads);
        }
    }

    /** U[ξ][ci][co] = (G·w[·][·][ci][co]·Gᵀ)[ξ] for an HWIO 3×3 filter. */
    private static void transformFilter(float[] w, int cin, int cout, float[] u, int threads) {
        int tap = cin * cout;
        Parallel.forChunks(Math.min(threads, cin), (i, count) -> {
            for (int ci = cin * i / count; ci < cin * (i + 1) / count; ci++) {
                WinogradTransforms.filter(w, ci * cout, tap, u, ci * cout, tap, cout);
            }
        });
    }

    /** flipped[t][co][ci] = w[8 − t][ci][co]: the filter rotated 180°, input and output channels swapped. */
    private static void flip(float[] w, int cin, int cout, float[] flipped, int threads) {
        int tap = cin * cout;
        int edge = 16; // square blocks, so both the reads and the writes use whole cache lines
        int rowBlocks = ceilDiv(cin, edge);
        Parallel.forRange(9 * rowBlocks, 1, (b0, b1) -> {
            for (int b = b0; b < b1; b++) {
                int t = b / rowBlocks;
                int ci0 = (b - t * rowBlocks) * edge;
                int ci1 = Math.min(cin, ci0 + edge);
                int src = (8 - t) * tap;
                int dst = t * tap;
                for (int co0 = 0; co0 < cout; co0 += edge) {
                    int co1 = Math.min(cout, co0 + edge);
                    for (int ci = ci0; ci < ci1; ci++) {
                        for (int co = co0; co < co1; co++) {
                            flipped[dst + co * cin + ci] = w[src + ci * cout + co];
                        }
                    }
                }
            }
        });
    }

    /**
     * Tiles per block: about {@link #BLOCK_BYTES} of V and M within [{@link #MIN_BLOCK},
     * {@link #MAX_BLOCK}], then evened out so the blocks split over {@code threads} equally.
     */
    static int blockTiles(int tiles, int cin, int cout, int threads) {
        long perTile = 64L * (cin + cout); // 16 floats each of V and M per channel
        int target = (int) Math.max(MIN_BLOCK, Math.min(MAX_BLOCK, BLOCK_BYTES / perTile));
        int blocks = ceilDiv(tiles, target);
        blocks = Math.min(ceilDiv(blocks, threads) * threads, ceilDiv(tiles, 4));
        return ceilDiv(ceilDiv(tiles, blocks), 4) * 4; // whole 4-row GEMM micro-tiles
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}

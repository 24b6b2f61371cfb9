package dev.imgcls.kernels.cpu.conv;

import dev.imgcls.kernels.cpu.Parallel;
import dev.imgcls.kernels.cpu.gemm.DenseMatrix;
import dev.imgcls.kernels.cpu.gemm.GemmC;
import dev.imgcls.kernels.cpu.gemm.Sgemm;
import dev.imgcls.tensor.ops.ConvOps.Geometry;

import java.util.Arrays;

/**
 * The input gradient for few input channels per group (the RGB stem), where the stride-phase
 * GEMM would have only Cin/g output columns: instead compute the im2col gradient
 * dcol[pixels, KH·KW·Cin/g] = dy·wᵀ a block of output pixels at a time (dy rows are read in
 * place) and scatter-add each block into dx (col2im). Threads own whole images, so their
 * scatters never overlap.
 */
final class ColumnGradient {
    /** Output pixels per GEMM block. */
    private static final int BLOCK = 256;

    private ColumnGradient() {
    }

    static void backwardInput(Geometry g, float[] dy, float[] w, float[] dx, int threads) {
        int cinG = g.cin() / g.groups();
        int coutG = g.cout() / g.groups();
        int cols = g.kh() * g.kw() * cinG;
        int perImage = g.oh() * g.ow();
        int imageSize = g.h() * g.w() * g.cin();
        int chunks = Math.max(1, Math.min(threads, g.n()));
        Parallel.forChunks(chunks, (chunk, count) -> {
            int n0 = (int) ((long) g.n() * chunk / count);
            int n1 = (int) ((long) g.n() * (chunk + 1) / count);
            Arrays.fill(dx, n0 * imageSize, n1 * imageSize, 0f);
            float[] dcol = new float[BLOCK * cols];
            GemmC block = DenseMatrix.of(dcol, 0, cols);
            for (int group = 0; group < g.groups(); group++) {
                // dcol[p][(tap, ci)] = Σ_co dy[p][co]·w[(tap, ci)][co]: B is the filter transposed.
                DenseMatrix wT = new DenseMatrix(w, group * coutG, g.cout(), true);
                for (int p0 = n0 * perImage; p0 < n1 * perImage; p0 += BLOCK) {
                    int rows = Math.min(BLOCK, n1 * perImage - p0);
                    DenseMatrix dyRows = DenseMatrix.of(dy, p0 * g.cout() + group * coutG, g.cout());
                    Sgemm.run(rows, cols, coutG, dyRows, wT, block, false, 1);
                    scatter(g, dcol, cols, p0, rows, dx, group * cinG, cinG);
                }
            }
        });
    }

    /** dx[pixel under tap] += dcol[p][tap, ·] for each output pixel p of the block. */
    private static void scatter(Geometry g, float[] dcol, int cols, int p0, int rows, float[] dx, int channelOffset, int cinG) {
        int perImage = g.oh() * g.ow();
        for (int r = 0; r < rows; r++) {
            int p = p0 + r;
            int n = p / perImage;
            int rem = p - n * perImage;
            int oy = rem / g.ow();
            int ox = rem - oy * g.ow();
            int src = r * cols;
            for (int ky = 0; ky < g.kh(); ky++) {
                int iy = oy * g.strideH() - g.padTop() + ky;
                if (iy < 0 || iy >= g.h()) {
                    src += g.kw() * cinG;
                    continue;
                }
                for (int kx = 0; kx < g.kw(); kx++, src += cinG) {
                    int ix = ox * g.strideW() - g.padLeft() + kx;
                    if (ix >= 0 && ix < g.w()) {
                        int d = ((n * g.h() + iy) * g.w() + ix) * g.cin() + channelOffset;
                        for (int ci = 0; ci < cinG; ci++) {
                            dx[d + ci] += dcol[src + ci];
                        }
                    }
                }
            }
        }
    }
}

package dev.imgcls.kernels.cpu.conv;

/**
 * The Winograd F(2×2, 3×3) transform matrices, and each transform as scalar loops for the
 * channels past the last full vector. Every transform is out = P·in·Pᵀ for one of these P
 * (Lavin and Gray, "Fast Algorithms for Convolutional Neural Networks", 2016); their entries
 * are 0, ±1 and ±½, so the products below are exact and only the sums round.
 */
final class WinogradTail {
    /** Bᵀ: 4×4 input tile to its transform. */
    static final float[][] BT = {{1, 0, -1, 0}, {0, 1, 1, 0}, {0, -1, 1, 0}, {0, 1, 0, -1}};
    /** Aᵀ: 4×4 product to the 2×2 output. */
    static final float[][] AT = {{1, 1, 1, 0}, {0, 1, -1, -1}};
    /** A: 2×2 output gradient to the 4×4 product's gradient. */
    static final float[][] A = {{1, 0}, {1, 1}, {1, -1}, {0, -1}};
    /** G: 3×3 filter to its 4×4 transform. */
    static final float[][] G = {{1, 0, 0}, {0.5f, 0.5f, 0.5f}, {0.5f, -0.5f, 0.5f}, {0, 0, 1}};
    /** Gᵀ: 4×4 transformed-filter gradient to the 3×3 filter gradient. */
    static final float[][] GT = {{1, 0.5f, 0.5f, 0}, {0, 0.5f, -0.5f, 0}, {0, 0.5f, 0.5f, 1}};

    private WinogradTail() {
    }

    /**
     * dst[d + i·dRow + j·dCol + c] = Σ_{r,q} p[i][r]·in[r][q]·p[j][q] for c in [c0, c1), i &lt; outRows,
     * j &lt; outCols, where in[r][q] = src[s + r·sRow + q·sCol + c] for r &lt; inRows, q &lt; inCols and
     * zero beyond (the missing rows and columns of a partial tile).
     */
    static void sandwich(float[][] p, float[] src, int s, int sRow, int sCol, int inRows, int inCols,
                         float[] dst, int d, int dRow, int dCol, int outRows, int outCols, int c0, int c1) {
        for (int c = c0; c < c1; c++) {
            for (int i = 0; i < outRows; i++) {
                for (int j = 0; j < outCols; j++) {
                    float sum = 0;
                    for (int r = 0; r < inRows; r++) {
                        float row = 0;
                        for (int q = 0; q < inCols; q++) {
                            row += src[s + r * sRow + q * sCol + c] * p[j][q];
                        }
                        sum += p[i][r] * row;
                    }
                    dst[d + i * dRow + j * dCol + c] = sum;
                }
            }
        }
    }
}

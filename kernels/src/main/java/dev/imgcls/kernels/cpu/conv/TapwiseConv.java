package dev.imgcls.kernels.cpu.conv;

import dev.imgcls.kernels.cpu.gemm.DenseMatrix;
import dev.imgcls.kernels.cpu.gemm.Sgemm;
import dev.imgcls.tensor.ops.ConvOps.Geometry;

import java.util.Arrays;

/**
 * Convolution as one GEMM per filter tap over only the output pixels whose input pixel for that
 * tap lies inside the image: y[valid rows] += x[shifted rows]·w[tap]. The im2col GEMM multiplies
 * the zeros of the padding like any other value; on small images most of it is padding (a 3×3
 * SAME convolution at 2×2 has 4 of its 9 taps inside the image per pixel, at 4×4 about 6, at 7×7
 * about 7.4), so there this path does up to half the multiply-adds and gathers no im2col panels. Each tap's rows are distinct pixels, so a
 * tap's GEMM writes each output row once and threads split it without conflicts; taps run one
 * after another, accumulating. Ungrouped convolutions only.
 */
final class TapwiseConv {
    /** Use this path when at most this share of the im2col multiply-adds touch the image… */
    private static final double MAX_VALID_SHARE = 0.8;
    /**
     * …or at most this share when both channel counts are at least {@link #WIDE_CHANNELS}: the
     * per-tap passes over the output cost relatively less the more multiply-adds each output row
     * gets. Measured on ResNet-18 224/32: its 14×14 (91 % valid) and 7×7 (82 %) 3×3 layers ran
     * 20–38 % faster tap-wise (13.4 → 14.9 images/s), the 28×28 ones (95 %) slower; at 64/128 the
     * 64-channel 16×16 layers (92 %) were slower tap-wise.
     */
    private static final double MAX_VALID_SHARE_WIDE = 0.93;
    private static final int WIDE_CHANNELS = 256;

    private TapwiseConv() {
    }

    /** Whether the padding wastes enough of the im2col GEMM for the tap-wise GEMMs to win. */
    static boolean applies(Geometry g) {
        if (g.groups() != 1 || g.kh() * g.kw() == 1 || g.n() * g.oh() * g.ow() == 0) {
            return false;
        }
        long valid = inImageTaps(g);
        boolean wide = Math.min(g.cin(), g.cout()) >= WIDE_CHANNELS;
        return valid <= (wide ? MAX_VALID_SHARE_WIDE : MAX_VALID_SHARE) * g.oh() * g.ow() * g.kh() * g.kw();
    }

    /** Multiply-adds per image and channel pair that touch the image: this path's work. */
    static long inImageTaps(Geometry g) {
        return validTaps(g.oh(), g.kh(), g.strideH(), g.padTop(), g.h()) * validTaps(g.ow(), g.kw(), g.strideW(), g.padLeft(), g.w());
    }

    /** Σ over output positions of the taps whose input position is inside [0, size). */
    private static long validTaps(int out, int k, int stride, int pad, int size) {
        long total = 0;
        for (int o = 0; o < out; o++) {
            for (int t = 0; t < k; t++) {
                int i = o * stride + t - pad;
                total += i >= 0 && i < size ? 1 : 0;
            }
        }
        return total;
    }

    static void forward(Geometry g, float[] x, float[] w, float[] y, int threads) {
        Arrays.fill(y, 0, g.n() * g.oh() * g.ow() * g.cout(), 0f);
        for (int ky = 0; ky < g.kh(); ky++) {
            for (int kx = 0; kx < g.kw(); kx++) {
                TapPixels tap = new TapPixels(g, ky, kx);
                if (tap.rows() > 0) {
                    Sgemm.run(tap.rows(), g.cout(), g.cin(), new PixelRows(x, tap.inputs(), g.cin()),
                            DenseMatrix.of(w, (ky * g.kw() + kx) * g.cin() * g.cout(), g.cout()),
                            new PixelRows(y, tap.outputs(), g.cout()), true, threads);
                }
            }
        }
    }

    static void backwardInput(Geometry g, float[] dy, float[] w, float[] dx, int threads) {
        Arrays.fill(dx, 0, g.n() * g.h() * g.w() * g.cin(), 0f);
        for (int ky = 0; ky < g.kh(); ky++) {
            for (int kx = 0; kx < g.kw(); kx++) {
                TapPixels tap = new TapPixels(g, ky, kx);
                if (tap.rows() > 0) {
                    // dx[in] += dy[out]·w[tap]ᵀ, w[tap] stored cin×cout.
                    Sgemm.run(tap.rows(), g.cin(), g.cout(), new PixelRows(dy, tap.outputs(), g.cout()),
                            new DenseMatrix(w, (ky * g.kw() + kx) * g.cin() * g.cout(), g.cout(), true),
                            new PixelRows(dx, tap.inputs(), g.cin()), true, threads);
                }
            }
        }
    }

    static void backwardFilter(Geometry g, float[] x, float[] dy, float[] dw, int threads) {
        for (int ky = 0; ky < g.kh(); ky++) {
            for (int kx = 0; kx < g.kw(); kx++) {
                TapPixels tap = new TapPixels(g, ky, kx);
                int offset = (ky * g.kw() + kx) * g.cin() * g.cout();
                if (tap.rows() == 0) {
                    Arrays.fill(dw, offset, offset + g.cin() * g.cout(), 0f);
                    continue;
                }
                // dw[tap] (cin×cout) = x[in]ᵀ·dy[out], K over the tap's pixels.
                Sgemm.run(g.cin(), g.cout(), tap.rows(), new PixelRows(x, tap.inputs(), g.cin()).transposed(),
                        new PixelRows(dy, tap.outputs(), g.cout()), DenseMatrix.of(dw, offset, g.cout()), false, threads);
            }
        }
    }
}

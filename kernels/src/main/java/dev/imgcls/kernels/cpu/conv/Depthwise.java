package dev.imgcls.kernels.cpu.conv;

import dev.imgcls.kernels.cpu.Parallel;
import dev.imgcls.kernels.cpu.VectorSupport;
import dev.imgcls.tensor.ops.ConvOps.Geometry;

/**
 * Depthwise convolution (channel c of the output sees only channel c of the input; filter
 * [KH, KW, 1, C]) as direct loops: per pixel, the valid taps are listed once and the channel
 * kernels sweep all C channels contiguously. The forward pass and the input gradient gather into
 * each output element exactly once and split rows over threads; the filter gradient keeps one
 * partial sum per thread and adds them at the end.
 */
public final class Depthwise {
    private final ChannelKernels channels;

    Depthwise(ChannelKernels channels) {
        this.channels = channels;
    }

    /** Holds the SIMD kernels so their classes load only once the Vector API is known to work. */
    private static final class VectorHolder {
        static final Depthwise INSTANCE = new Depthwise(new VectorChannelKernels());
    }

    private static final class ScalarHolder {
        static final Depthwise INSTANCE = new Depthwise(ScalarChannelKernels.INSTANCE);
    }

    public static Depthwise kernels() {
        return VectorSupport.enabled() ? VectorHolder.INSTANCE : ScalarHolder.INSTANCE;
    }

    static Depthwise scalar() {
        return ScalarHolder.INSTANCE;
    }

    private static int resolve(int threads) {
        return threads <= 0 ? Parallel.threads() : Math.min(threads, Parallel.threads());
    }

    /** Splits [0, n) into at most {@code threads} contiguous ranges. */
    private static void forRange(int n, int threads, Parallel.RangeBody body) {
        int chunks = Math.max(1, Math.min(threads, n));
        Parallel.forChunks(chunks, (i, count) -> {
            int s = (int) ((long) n * i / count);
            int e = (int) ((long) n * (i + 1) / count);
            if (s < e) {
                body.run(s, e);
            }
        });
    }

    public void forward(Geometry g, float[] x, float[] w, float[] y, int threads) {
        int c = g.cin();
        forRange(g.n() * g.oh(), resolve(threads), (r0, r1) -> {
            int[] xOffs = new int[g.kh() * g.kw()];
            int[] wOffs = new int[g.kh() * g.kw()];
            for (int row = r0; row < r1; row++) {
                int n = row / g.oh();
                int oy = row - n * g.oh();
                int iyBase = oy * g.strideH() - g.padTop();
                for (int ox = 0; ox < g.ow(); ox++) {
                    int ixBase = ox * g.strideW() - g.padLeft();
                    int taps = 0;
                    for (int ky = 0; ky < g.kh(); ky++) {
                        int iy = iyBase + ky;
                        if (iy < 0 || iy >= g.h()) {
                            continue;
                        }
                        for (int kx = 0; kx < g.kw(); kx++) {
                            int ix = ixBase + kx;
                            if (ix >= 0 && ix < g.w()) {
                                xOffs[taps] = ((n * g.h() + iy) * g.w() + ix) * c;
                                wOffs[taps] = (ky * g.kw() + kx) * c;
                                taps++;
                            }
                        }
                    }
                    channels.gatherDot(x, xOffs, w, wOffs, taps, y, ((n * g.oh() + oy) * g.ow() + ox) * c, c);
                }
            }
        });
    }

    public void backwardInput(Geometry g, float[] dy, float[] w, float[] dx, int threads) {
        int c = g.cin();
        forRange(g.n() * g.h(), resolve(threads), (r0, r1) -> {
            int[] yOffs = new int[g.kh() * g.kw()];
            int[] wOffs = new int[g.kh() * g.kw()];
            for (int row = r0; row < r1; row++) {
                int n = row / g.h();
                int iy = row - n * g.h();
                for (int ix = 0; ix < g.w(); ix++) {
                    // Input pixel (iy, ix) meets output pixel (oy, ox) through tap (ky, kx) when
                    // oy·stride + ky = iy + pad.
                    int taps = 0;
                    for (int ky = 0; ky < g.kh(); ky++) {
                        int ty = iy + g.padTop() - ky;
                        if (ty < 0 || ty % g.strideH() != 0 || ty / g.strideH() >= g.oh()) {
                            continue;
                        }
                        int oy = ty / g.strideH();
                        for (int kx = 0; kx < g.kw(); kx++) {
                            int tx = ix + g.padLeft() - kx;
                            if (tx < 0 || tx % g.strideW() != 0 || tx / g.strideW() >= g.ow()) {
                                continue;
                            }
                            yOffs[taps] = ((n * g.oh() + oy) * g.ow() + tx / g.strideW()) * c;
                            wOffs[taps] = (ky * g.kw() + kx) * c;
                            taps++;
                        }
                    }
                    channels.gatherDot(dy, yOffs, w, wOffs, taps, dx, ((n * g.h() + iy) * g.w() + ix) * c, c);
                }
            }
        });
    }

    public void backwardFilter(Geometry g, float[] x, float[] dy, float[] dw, int threads) {
        int c = g.cin();
        int rows = g.n() * g.oh();
        int chunks = Math.max(1, Math.min(resolve(threads), rows));
        float[][] partial = new float[chunks][dw.length];
        Parallel.forChunks(chunks, (i, count) -> {
            int r0 = (int) ((long) rows * i / count);
            int r1 = (int) ((long) rows * (i + 1) / count);
            float[] acc = partial[i];
            for (int row = r0; row < r1; row++) {
                int n = row / g.oh();
                int oy = row - n * g.oh();
                for (int ky = 0; ky < g.kh(); ky++) {
                    int iy = oy * g.strideH() - g.padTop() + ky;
                    if (iy < 0 || iy >= g.h()) {
                        continue;
                    }
                    for (int kx = 0; kx < g.kw(); kx++) {
                        // Output columns whose input column ox·stride − pad + kx lies inside.
                        int shift = kx - g.padLeft();
                        int oxFrom = shift >= 0 ? 0 : ceilDiv(-shift, g.strideW());
                        int oxTo = Math.min(g.ow(), ceilDiv(g.w() - shift, g.strideW()));
                        if (oxFrom >= oxTo) {
                            continue;
                        }
                        int ix = oxFrom * g.strideW() + shift;
                        channels.rowDot(x, ((n * g.h() + iy) * g.w() + ix) * c, g.strideW() * c,
                                dy, ((n * g.oh() + oy) * g.ow() + oxFrom) * c, c, oxTo - oxFrom,
                                acc, (ky * g.kw() + kx) * c, c);
                    }
                }
            }
        });
        Parallel.forRange(dw.length, 1 << 14, (s, e) -> {
            for (int j = s; j < e; j++) {
                float sum = 0;
                for (float[] p : partial) {
                    sum += p[j];
                }
                dw[j] = sum;
            }
        });
    }

    private static int ceilDiv(int a, int b) {
        return Math.floorDiv(a + b - 1, b);
    }
}

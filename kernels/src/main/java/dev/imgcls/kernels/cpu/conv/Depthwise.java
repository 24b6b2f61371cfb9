package dev.imgcls.kernels.cpu.conv;

import dev.imgcls.kernels.cpu.Parallel;
import dev.imgcls.kernels.cpu.VectorSupport;
import dev.imgcls.tensor.ops.ConvOps.Geometry;

/**
 * Depthwise convolution (channel c of the output sees only channel c of the input; filter
 * [KH, KW, 1, C]) as direct loops vectorised over the contiguous channels. Pixels of a row that
 * see the same taps (all but the borders) form one run for the channel kernels. The forward pass
 * and the input gradient gather into each element exactly once and split rows over threads; the
 * filter gradient keeps one partial sum per thread and adds them at the end.
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

    /**
     * The filter columns one pixel sees, (first kx, how many) packed in a long, so that runs of
     * pixels with the same taps are found by comparing one value.
     */
    private static long taps(int first, int count) {
        return ((long) first << 32) | count;
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
                int ox = 0;
                while (ox < g.ow()) {
                    long sig = forwardColumns(g, ox);
                    int end = ox + 1;
                    while (end < g.ow() && forwardColumns(g, end) == sig) {
                        end++;
                    }
                    int kx0 = (int) (sig >>> 32);
                    int kxCount = (int) sig;
                    int ix0 = ox * g.strideW() - g.padLeft();
                    int taps = 0;
                    for (int ky = 0; ky < g.kh(); ky++) {
                        int iy = iyBase + ky;
                        if (iy < 0 || iy >= g.h()) {
                            continue;
                        }
                        for (int kx = kx0; kx < kx0 + kxCount; kx++) {
                            xOffs[taps] = ((n * g.h() + iy) * g.w() + ix0 + kx) * c;
                            wOffs[taps] = (ky * g.kw() + kx) * c;
                            taps++;
                        }
                    }
                    channels.convolveRun(x, xOffs, g.strideW() * c, w, wOffs, taps,
                            y, ((n * g.oh() + oy) * g.ow() + ox) * c, c, end - ox, c);
                    ox = end;
                }
            }
        });
    }

    /** Filter columns kx with 0 ≤ ox·stride − pad + kx &lt; W: a contiguous range. */
    private static long forwardColumns(Geometry g, int ox) {
        int ix0 = ox * g.strideW() - g.padLeft();
        int first = Math.max(0, -ix0);
        int last = Math.min(g.kw(), g.w() - ix0);
        return taps(first, Math.max(0, last - first));
    }

    public void backwardInput(Geometry g, float[] dy, float[] w, float[] dx, int threads) {
        int c = g.cin();
        int sw = g.strideW();
        forRange(g.n() * g.h(), resolve(threads), (r0, r1) -> {
            int[] yOffs = new int[g.kh() * g.kw()];
            int[] wOffs = new int[g.kh() * g.kw()];
            for (int row = r0; row < r1; row++) {
                int n = row / g.h();
                int iy = row - n * g.h();
                // Input column ix meets output column ox through kx when ox·stride + kx = ix + pad:
                // the columns of one stride phase see the same kx residue, and consecutive ones
                // of the phase step one output column.
                for (int phase = 0; phase < Math.min(sw, g.w()); phase++) {
                    int ix = phase;
                    while (ix < g.w()) {
                        long sig = inputColumns(g, ix);
                        int end = ix + sw;
                        while (end < g.w() && inputColumns(g, end) == sig) {
                            end += sw;
                        }
                        int kx0 = (int) (sig >>> 32);
                        int kxCount = (int) sig;
                        int taps = 0;
                        for (int ky = 0; ky < g.kh(); ky++) {
                            int ty = iy + g.padTop() - ky;
                            if (ty < 0 || ty % g.strideH() != 0 || ty / g.strideH() >= g.oh()) {
                                continue;
                            }
                            int oy = ty / g.strideH();
                            for (int j = 0; j < kxCount; j++) {
                                int kx = kx0 + j * sw;
                                int ox = (ix + g.padLeft() - kx) / sw;
                                yOffs[taps] = ((n * g.oh() + oy) * g.ow() + ox) * c;
                                wOffs[taps] = (ky * g.kw() + kx) * c;
                                taps++;
                            }
                        }
                        channels.convolveRun(dy, yOffs, c, w, wOffs, taps,
                                dx, ((n * g.h() + iy) * g.w() + ix) * c, sw * c, (end - ix) / sw, c);
                        ix = end;
                    }
                }
            }
        });
    }

    /**
     * Filter columns that connect input column ix to an output column: kx ≡ ix + pad (mod
     * stride) with 0 ≤ (ix + pad − kx)/stride &lt; OW, as (first kx, count) in steps of the stride.
     */
    private static long inputColumns(Geometry g, int ix) {
        int sw = g.strideW();
        int t = ix + g.padLeft();
        int first = t % sw;
        // ox = (t − kx)/sw < OW  ⇔  kx > t − sw·OW.
        int lowest = t - sw * g.ow() + 1;
        if (first < lowest) {
            first += ceilDiv(lowest - first, sw) * sw;
        }
        int last = Math.min(g.kw() - 1, t);
        int count = last >= first ? (last - first) / sw + 1 : 0;
        return taps(count == 0 ? 0 : first, count);
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
                    if (iy >= 0 && iy < g.h()) {
                        filterRow(g, x, dy, acc, n, oy, iy, ky);
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

    /**
     * One filter row's gradient from one output row: taps go four at a time over the output
     * columns where all four see the image, and one at a time over the leftover border columns.
     */
    private void filterRow(Geometry g, float[] x, float[] dy, float[] acc, int n, int oy, int iy, int ky) {
        int c = g.cin();
        int sw = g.strideW();
        int xRow = (n * g.h() + iy) * g.w();
        int dyRow = (n * g.oh() + oy) * g.ow();
        for (int kx0 = 0; kx0 < g.kw(); kx0 += 4) {
            int group = Math.min(4, g.kw() - kx0);
            // Output columns whose input column ox·stride − pad + kx lies inside, for each kx.
            int from = 0;
            int to = g.ow();
            for (int kx = kx0; kx < kx0 + group; kx++) {
                from = Math.max(from, firstInside(g, kx));
                to = Math.min(to, endInside(g, kx));
            }
            if (from < to) {
                channels.accumulateTaps(x, (xRow + from * sw - g.padLeft() + kx0) * c, sw * c,
                        dy, (dyRow + from) * c, to - from, acc, (ky * g.kw() + kx0) * c, group, c);
            }
            for (int kx = kx0; kx < kx0 + group; kx++) {
                int lo = firstInside(g, kx);
                int hi = endInside(g, kx);
                int splitLo = from < to ? from : hi;
                int splitHi = from < to ? to : hi;
                // [lo, splitLo) and [splitHi, hi): what the group pass did not cover.
                tapRange(g, x, dy, acc, xRow, dyRow, ky, kx, lo, Math.min(splitLo, hi));
                tapRange(g, x, dy, acc, xRow, dyRow, ky, kx, Math.max(splitHi, lo), hi);
            }
        }
    }

    private void tapRange(Geometry g, float[] x, float[] dy, float[] acc, int xRow, int dyRow, int ky, int kx, int from, int to) {
        if (from >= to) {
            return;
        }
        int c = g.cin();
        channels.accumulateTaps(x, (xRow + from * g.strideW() - g.padLeft() + kx) * c, g.strideW() * c,
                dy, (dyRow + from) * c, to - from, acc, (ky * g.kw() + kx) * c, 1, c);
    }

    private static int firstInside(Geometry g, int kx) {
        int shift = kx - g.padLeft();
        return shift >= 0 ? 0 : ceilDiv(-shift, g.strideW());
    }

    private static int endInside(Geometry g, int kx) {
        return Math.max(0, Math.min(g.ow(), ceilDiv(g.w() - (kx - g.padLeft()), g.strideW())));
    }

    private static int ceilDiv(int a, int b) {
        return Math.floorDiv(a + b - 1, b);
    }
}

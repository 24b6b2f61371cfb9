package dev.imgcls.kernels.cpu.conv;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ChannelKernels} on the Vector API. Depthwise work has no reuse to block for in
 * registers beyond a few neighbours, so these loops are bound by vector loads: the forward run
 * convolves four pixels per filter load (1.25 loads per FMA instead of 2) and the filter gradient
 * updates up to four taps per dy load, which also gives four independent FMA chains. Channels
 * past the last full vector go through scalar tails. Loaded only after
 * {@code VectorSupport.enabled()} returned true.
 */
final class VectorChannelKernels implements ChannelKernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    @Override
    public void convolveRun(float[] src, int[] srcOffs, int srcStep, float[] w, int[] wOffs, int taps,
                            float[] dst, int dstOff, int dstStep, int count, int channels) {
        int c = 0;
        for (; c + 4 * L <= channels; c += 4 * L) {
            int i = 0;
            for (; i + 2 <= count; i += 2) {
                FloatVector a0 = FloatVector.zero(S);
                FloatVector a1 = a0;
                FloatVector a2 = a0;
                FloatVector a3 = a0;
                FloatVector b0 = a0;
                FloatVector b1 = a0;
                FloatVector b2 = a0;
                FloatVector b3 = a0;
                int base = i * srcStep + c;
                for (int t = 0; t < taps; t++) {
                    int s = srcOffs[t] + base;
                    int s2 = s + srcStep;
                    int f = wOffs[t] + c;
                    FloatVector w0 = FloatVector.fromArray(S, w, f);
                    FloatVector w1 = FloatVector.fromArray(S, w, f + L);
                    FloatVector w2 = FloatVector.fromArray(S, w, f + 2 * L);
                    FloatVector w3 = FloatVector.fromArray(S, w, f + 3 * L);
                    a0 = FloatVector.fromArray(S, src, s).fma(w0, a0);
                    a1 = FloatVector.fromArray(S, src, s + L).fma(w1, a1);
                    a2 = FloatVector.fromArray(S, src, s + 2 * L).fma(w2, a2);
                    a3 = FloatVector.fromArray(S, src, s + 3 * L).fma(w3, a3);
                    b0 = FloatVector.fromArray(S, src, s2).fma(w0, b0);
                    b1 = FloatVector.fromArray(S, src, s2 + L).fma(w1, b1);
                    b2 = FloatVector.fromArray(S, src, s2 + 2 * L).fma(w2, b2);
                    b3 = FloatVector.fromArray(S, src, s2 + 3 * L).fma(w3, b3);
                }
                int d = dstOff + i * dstStep + c;
                a0.intoArray(dst, d);
                a1.intoArray(dst, d + L);
                a2.intoArray(dst, d + 2 * L);
                a3.intoArray(dst, d + 3 * L);
                d += dstStep;
                b0.intoArray(dst, d);
                b1.intoArray(dst, d + L);
                b2.intoArray(dst, d + 2 * L);
                b3.intoArray(dst, d + 3 * L);
            }
            for (; i < count; i++) {
                FloatVector a0 = FloatVector.zero(S);
                FloatVector a1 = a0;
                FloatVector a2 = a0;
                FloatVector a3 = a0;
                int base = i * srcStep + c;
                for (int t = 0; t < taps; t++) {
                    int s = srcOffs[t] + base;
                    int f = wOffs[t] + c;
                    a0 = FloatVector.fromArray(S, src, s).fma(FloatVector.fromArray(S, w, f), a0);
                    a1 = FloatVector.fromArray(S, src, s + L).fma(FloatVector.fromArray(S, w, f + L), a1);
                    a2 = FloatVector.fromArray(S, src, s + 2 * L).fma(FloatVector.fromArray(S, w, f + 2 * L), a2);
                    a3 = FloatVector.fromArray(S, src, s + 3 * L).fma(FloatVector.fromArray(S, w, f + 3 * L), a3);
                }
                int d = dstOff + i * dstStep + c;
                a0.intoArray(dst, d);
                a1.intoArray(dst, d + L);
                a2.intoArray(dst, d + 2 * L);
                a3.intoArray(dst, d + 3 * L);
            }
        }
        for (; c + L <= channels; c += L) {
            int i = 0;
            for (; i + 4 <= count; i += 4) {
                FloatVector a0 = FloatVector.zero(S);
                FloatVector a1 = a0;
                FloatVector a2 = a0;
                FloatVector a3 = a0;
                int base = i * srcStep + c;
                for (int t = 0; t < taps; t++) {
                    FloatVector wv = FloatVector.fromArray(S, w, wOffs[t] + c);
                    int s = srcOffs[t] + base;
                    a0 = FloatVector.fromArray(S, src, s).fma(wv, a0);
                    a1 = FloatVector.fromArray(S, src, s + srcStep).fma(wv, a1);
                    a2 = FloatVector.fromArray(S, src, s + 2 * srcStep).fma(wv, a2);
                    a3 = FloatVector.fromArray(S, src, s + 3 * srcStep).fma(wv, a3);
                }
                int d = dstOff + i * dstStep + c;
                a0.intoArray(dst, d);
                a1.intoArray(dst, d + dstStep);
                a2.intoArray(dst, d + 2 * dstStep);
                a3.intoArray(dst, d + 3 * dstStep);
            }
            for (; i < count; i++) {
                FloatVector a = FloatVector.zero(S);
                int base = i * srcStep + c;
                for (int t = 0; t < taps; t++) {
                    a = FloatVector.fromArray(S, src, srcOffs[t] + base).fma(FloatVector.fromArray(S, w, wOffs[t] + c), a);
                }
                a.intoArray(dst, dstOff + i * dstStep + c);
            }
        }
        for (; c < channels; c++) {
            for (int i = 0; i < count; i++) {
                float s = 0;
                for (int t = 0; t < taps; t++) {
                    s += src[srcOffs[t] + i * srcStep + c] * w[wOffs[t] + c];
                }
                dst[dstOff + i * dstStep + c] = s;
            }
        }
    }

    @Override
    public void accumulateTaps(float[] x, int xOff, int xStep, float[] dy, int dyOff, int count,
                               float[] acc, int accOff, int taps, int channels) {
        int full = channels - channels % L;
        int c0 = 0;
        if (taps >= 3) {
            // Two channel vectors at a time: six or eight independent chains.
            for (; c0 + 2 * L <= full; c0 += 2 * L) {
                if (taps == 4) {
                    taps4Wide(x, xOff + c0, xStep, dy, dyOff + c0, count, acc, accOff + c0, channels);
                } else {
                    taps3Wide(x, xOff + c0, xStep, dy, dyOff + c0, count, acc, accOff + c0, channels);
                }
            }
        }
        for (int c = c0; c < full; c += L) {
            int a = accOff + c;
            int x0 = xOff + c;
            int d0 = dyOff + c;
            switch (taps) {
                case 4 -> taps4(x, x0, xStep, dy, d0, count, acc, a, channels);
                case 3 -> taps3(x, x0, xStep, dy, d0, count, acc, a, channels);
                case 2 -> taps2(x, x0, xStep, dy, d0, count, acc, a, channels);
                default -> taps1(x, x0, xStep, dy, d0, count, acc, a, channels);
            }
        }
        for (int t = 0; t < taps; t++) {
            for (int c = full; c < channels; c++) {
                float s = 0;
                for (int i = 0; i < count; i++) {
                    s += x[xOff + t * channels + i * xStep + c] * dy[dyOff + i * channels + c];
                }
                acc[accOff + t * channels + c] += s;
            }
        }
    }

    private static void taps4Wide(float[] x, int x0, int xStep, float[] dy, int d0, int count, float[] acc, int a, int ch) {
        FloatVector s0 = FloatVector.fromArray(S, acc, a);
        FloatVector s1 = FloatVector.fromArray(S, acc, a + ch);
        FloatVector s2 = FloatVector.fromArray(S, acc, a + 2 * ch);
        FloatVector s3 = FloatVector.fromArray(S, acc, a + 3 * ch);
        FloatVector t0 = FloatVector.fromArray(S, acc, a + L);
        FloatVector t1 = FloatVector.fromArray(S, acc, a + ch + L);
        FloatVector t2 = FloatVector.fromArray(S, acc, a + 2 * ch + L);
        FloatVector t3 = FloatVector.fromArray(S, acc, a + 3 * ch + L);
        for (int i = 0; i < count; i++) {
            int di = d0 + i * ch;
            FloatVector g = FloatVector.fromArray(S, dy, di);
            FloatVector h = FloatVector.fromArray(S, dy, di + L);
            int xi = x0 + i * xStep;
            s0 = FloatVector.fromArray(S, x, xi).fma(g, s0);
            t0 = FloatVector.fromArray(S, x, xi + L).fma(h, t0);
            s1 = FloatVector.fromArray(S, x, xi + ch).fma(g, s1);
            t1 = FloatVector.fromArray(S, x, xi + ch + L).fma(h, t1);
            s2 = FloatVector.fromArray(S, x, xi + 2 * ch).fma(g, s2);
            t2 = FloatVector.fromArray(S, x, xi + 2 * ch + L).fma(h, t2);
            s3 = FloatVector.fromArray(S, x, xi + 3 * ch).fma(g, s3);
            t3 = FloatVector.fromArray(S, x, xi + 3 * ch + L).fma(h, t3);
        }
        s0.intoArray(acc, a);
        s1.intoArray(acc, a + ch);
        s2.intoArray(acc, a + 2 * ch);
        s3.intoArray(acc, a + 3 * ch);
        t0.intoArray(acc, a + L);
        t1.intoArray(acc, a + ch + L);
        t2.intoArray(acc, a + 2 * ch + L);
        t3.intoArray(acc, a + 3 * ch + L);
    }

    private static void taps3Wide(float[] x, int x0, int xStep, float[] dy, int d0, int count, float[] acc, int a, int ch) {
        FloatVector s0 = FloatVector.fromArray(S, acc, a);
        FloatVector s1 = FloatVector.fromArray(S, acc, a + ch);
        FloatVector s2 = FloatVector.fromArray(S, acc, a + 2 * ch);
        FloatVector t0 = FloatVector.fromArray(S, acc, a + L);
        FloatVector t1 = FloatVector.fromArray(S, acc, a + ch + L);
        FloatVector t2 = FloatVector.fromArray(S, acc, a + 2 * ch + L);
        for (int i = 0; i < count; i++) {
            int di = d0 + i * ch;
            FloatVector g = FloatVector.fromArray(S, dy, di);
            FloatVector h = FloatVector.fromArray(S, dy, di + L);
            int xi = x0 + i * xStep;
            s0 = FloatVector.fromArray(S, x, xi).fma(g, s0);
            t0 = FloatVector.fromArray(S, x, xi + L).fma(h, t0);
            s1 = FloatVector.fromArray(S, x, xi + ch).fma(g, s1);
            t1 = FloatVector.fromArray(S, x, xi + ch + L).fma(h, t1);
            s2 = FloatVector.fromArray(S, x, xi + 2 * ch).fma(g, s2);
            t2 = FloatVector.fromArray(S, x, xi + 2 * ch + L).fma(h, t2);
        }
        s0.intoArray(acc, a);
        s1.intoArray(acc, a + ch);
        s2.intoArray(acc, a + 2 * ch);
        t0.intoArray(acc, a + L);
        t1.intoArray(acc, a + ch + L);
        t2.intoArray(acc, a + 2 * ch + L);
    }

    private static void taps4(float[] x, int x0, int xStep, float[] dy, int d0, int count, float[] acc, int a, int ch) {
        FloatVector s0 = FloatVector.fromArray(S, acc, a);
        FloatVector s1 = FloatVector.fromArray(S, acc, a + ch);
        FloatVector s2 = FloatVector.fromArray(S, acc, a + 2 * ch);
        FloatVector s3 = FloatVector.fromArray(S, acc, a + 3 * ch);
        for (int i = 0; i < count; i++) {
            FloatVector g = FloatVector.fromArray(S, dy, d0 + i * ch);
            int xi = x0 + i * xStep;
            s0 = FloatVector.fromArray(S, x, xi).fma(g, s0);
            s1 = FloatVector.fromArray(S, x, xi + ch).fma(g, s1);
            s2 = FloatVector.fromArray(S, x, xi + 2 * ch).fma(g, s2);
            s3 = FloatVector.fromArray(S, x, xi + 3 * ch).fma(g, s3);
        }
        s0.intoArray(acc, a);
        s1.intoArray(acc, a + ch);
        s2.intoArray(acc, a + 2 * ch);
        s3.intoArray(acc, a + 3 * ch);
    }

    private static void taps3(float[] x, int x0, int xStep, float[] dy, int d0, int count, float[] acc, int a, int ch) {
        FloatVector s0 = FloatVector.fromArray(S, acc, a);
        FloatVector s1 = FloatVector.fromArray(S, acc, a + ch);
        FloatVector s2 = FloatVector.fromArray(S, acc, a + 2 * ch);
        for (int i = 0; i < count; i++) {
            FloatVector g = FloatVector.fromArray(S, dy, d0 + i * ch);
            int xi = x0 + i * xStep;
            s0 = FloatVector.fromArray(S, x, xi).fma(g, s0);
            s1 = FloatVector.fromArray(S, x, xi + ch).fma(g, s1);
            s2 = FloatVector.fromArray(S, x, xi + 2 * ch).fma(g, s2);
        }
        s0.intoArray(acc, a);
        s1.intoArray(acc, a + ch);
        s2.intoArray(acc, a + 2 * ch);
    }

    private static void taps2(float[] x, int x0, int xStep, float[] dy, int d0, int count, float[] acc, int a, int ch) {
        FloatVector s0 = FloatVector.fromArray(S, acc, a);
        FloatVector s1 = FloatVector.fromArray(S, acc, a + ch);
        for (int i = 0; i < count; i++) {
            FloatVector g = FloatVector.fromArray(S, dy, d0 + i * ch);
            int xi = x0 + i * xStep;
            s0 = FloatVector.fromArray(S, x, xi).fma(g, s0);
            s1 = FloatVector.fromArray(S, x, xi + ch).fma(g, s1);
        }
        s0.intoArray(acc, a);
        s1.intoArray(acc, a + ch);
    }

    private static void taps1(float[] x, int x0, int xStep, float[] dy, int d0, int count, float[] acc, int a, int ch) {
        // Two chains over alternating pixels instead of one long dependent chain.
        FloatVector even = FloatVector.fromArray(S, acc, a);
        FloatVector odd = FloatVector.zero(S);
        int i = 0;
        for (; i + 1 < count; i += 2) {
            even = FloatVector.fromArray(S, x, x0 + i * xStep).fma(FloatVector.fromArray(S, dy, d0 + i * ch), even);
            odd = FloatVector.fromArray(S, x, x0 + (i + 1) * xStep).fma(FloatVector.fromArray(S, dy, d0 + (i + 1) * ch), odd);
        }
        if (i < count) {
            even = FloatVector.fromArray(S, x, x0 + i * xStep).fma(FloatVector.fromArray(S, dy, d0 + i * ch), even);
        }
        even.add(odd).intoArray(acc, a);
    }
}

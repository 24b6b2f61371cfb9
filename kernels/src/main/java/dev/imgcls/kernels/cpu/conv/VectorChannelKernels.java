package dev.imgcls.kernels.cpu.conv;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ChannelKernels} on the Vector API. Channels go four vectors at a time so that four
 * independent FMA chains hide the FMA latency (a tap sum is a dependent chain per vector), then
 * one vector at a time, then a scalar tail for channel counts that are not a multiple of the
 * vector length. Loaded only after {@code VectorSupport.enabled()} returned true.
 */
final class VectorChannelKernels implements ChannelKernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    @Override
    public void gatherDot(float[] src, int[] srcOffs, float[] w, int[] wOffs, int taps, float[] dst, int dstOff, int channels) {
        int c = 0;
        for (; c + 4 * L <= channels; c += 4 * L) {
            FloatVector a0 = FloatVector.zero(S);
            FloatVector a1 = a0;
            FloatVector a2 = a0;
            FloatVector a3 = a0;
            for (int t = 0; t < taps; t++) {
                int s = srcOffs[t] + c;
                int f = wOffs[t] + c;
                a0 = FloatVector.fromArray(S, src, s).fma(FloatVector.fromArray(S, w, f), a0);
                a1 = FloatVector.fromArray(S, src, s + L).fma(FloatVector.fromArray(S, w, f + L), a1);
                a2 = FloatVector.fromArray(S, src, s + 2 * L).fma(FloatVector.fromArray(S, w, f + 2 * L), a2);
                a3 = FloatVector.fromArray(S, src, s + 3 * L).fma(FloatVector.fromArray(S, w, f + 3 * L), a3);
            }
            a0.intoArray(dst, dstOff + c);
            a1.intoArray(dst, dstOff + c + L);
            a2.intoArray(dst, dstOff + c + 2 * L);
            a3.intoArray(dst, dstOff + c + 3 * L);
        }
        for (; c + L <= channels; c += L) {
            FloatVector a = FloatVector.zero(S);
            for (int t = 0; t < taps; t++) {
                a = FloatVector.fromArray(S, src, srcOffs[t] + c).fma(FloatVector.fromArray(S, w, wOffs[t] + c), a);
            }
            a.intoArray(dst, dstOff + c);
        }
        for (; c < channels; c++) {
            float s = 0;
            for (int t = 0; t < taps; t++) {
                s += src[srcOffs[t] + c] * w[wOffs[t] + c];
            }
            dst[dstOff + c] = s;
        }
    }

    @Override
    public void rowDot(float[] x, int xOff, int xStride, float[] dy, int dyOff, int dyStride, int count,
                       float[] acc, int accOff, int channels) {
        int c = 0;
        for (; c + 4 * L <= channels; c += 4 * L) {
            FloatVector a0 = FloatVector.fromArray(S, acc, accOff + c);
            FloatVector a1 = FloatVector.fromArray(S, acc, accOff + c + L);
            FloatVector a2 = FloatVector.fromArray(S, acc, accOff + c + 2 * L);
            FloatVector a3 = FloatVector.fromArray(S, acc, accOff + c + 3 * L);
            for (int i = 0; i < count; i++) {
                int xi = xOff + i * xStride + c;
                int di = dyOff + i * dyStride + c;
                a0 = FloatVector.fromArray(S, x, xi).fma(FloatVector.fromArray(S, dy, di), a0);
                a1 = FloatVector.fromArray(S, x, xi + L).fma(FloatVector.fromArray(S, dy, di + L), a1);
                a2 = FloatVector.fromArray(S, x, xi + 2 * L).fma(FloatVector.fromArray(S, dy, di + 2 * L), a2);
                a3 = FloatVector.fromArray(S, x, xi + 3 * L).fma(FloatVector.fromArray(S, dy, di + 3 * L), a3);
            }
            a0.intoArray(acc, accOff + c);
            a1.intoArray(acc, accOff + c + L);
            a2.intoArray(acc, accOff + c + 2 * L);
            a3.intoArray(acc, accOff + c + 3 * L);
        }
        for (; c + L <= channels; c += L) {
            // Two chains over alternating pixels instead of one long dependent chain.
            FloatVector even = FloatVector.fromArray(S, acc, accOff + c);
            FloatVector odd = FloatVector.zero(S);
            int i = 0;
            for (; i + 1 < count; i += 2) {
                int xi = xOff + i * xStride + c;
                int di = dyOff + i * dyStride + c;
                even = FloatVector.fromArray(S, x, xi).fma(FloatVector.fromArray(S, dy, di), even);
                odd = FloatVector.fromArray(S, x, xi + xStride).fma(FloatVector.fromArray(S, dy, di + dyStride), odd);
            }
            if (i < count) {
                even = FloatVector.fromArray(S, x, xOff + i * xStride + c).fma(FloatVector.fromArray(S, dy, dyOff + i * dyStride + c), even);
            }
            even.add(odd).intoArray(acc, accOff + c);
        }
        for (; c < channels; c++) {
            float s = 0;
            for (int i = 0; i < count; i++) {
                s += x[xOff + i * xStride + c] * dy[dyOff + i * dyStride + c];
            }
            acc[accOff + c] += s;
        }
    }
}

package dev.imgcls.kernels.cpu.conv;

import java.util.Arrays;

/** {@link ChannelKernels} in plain Java, for JVMs without the Vector API. */
final class ScalarChannelKernels implements ChannelKernels {
    static final ScalarChannelKernels INSTANCE = new ScalarChannelKernels();

    private ScalarChannelKernels() {
    }

    @Override
    public void convolveRun(float[] src, int[] srcOffs, int srcStep, float[] w, int[] wOffs, int taps,
                            float[] dst, int dstOff, int dstStep, int count, int channels) {
        for (int i = 0; i < count; i++) {
            int d = dstOff + i * dstStep;
            Arrays.fill(dst, d, d + channels, 0f);
            for (int t = 0; t < taps; t++) {
                int s = srcOffs[t] + i * srcStep;
                int f = wOffs[t];
                for (int c = 0; c < channels; c++) {
                    dst[d + c] += src[s + c] * w[f + c];
                }
            }
        }
    }

    @Override
    public void accumulateTaps(float[] x, int xOff, int xStep, float[] dy, int dyOff, int count,
                               float[] acc, int accOff, int taps, int channels) {
        for (int t = 0; t < taps; t++) {
            int a = accOff + t * channels;
            for (int i = 0; i < count; i++) {
                int xi = xOff + t * channels + i * xStep;
                int di = dyOff + i * channels;
                for (int c = 0; c < channels; c++) {
                    acc[a + c] += x[xi + c] * dy[di + c];
                }
            }
        }
    }
}

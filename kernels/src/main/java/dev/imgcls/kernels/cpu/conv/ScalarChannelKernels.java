package dev.imgcls.kernels.cpu.conv;

/** {@link ChannelKernels} in plain Java, for JVMs without the Vector API. */
final class ScalarChannelKernels implements ChannelKernels {
    static final ScalarChannelKernels INSTANCE = new ScalarChannelKernels();

    private ScalarChannelKernels() {
    }

    @Override
    public void gatherDot(float[] src, int[] srcOffs, float[] w, int[] wOffs, int taps, float[] dst, int dstOff, int channels) {
        java.util.Arrays.fill(dst, dstOff, dstOff + channels, 0f);
        for (int t = 0; t < taps; t++) {
            int s = srcOffs[t];
            int f = wOffs[t];
            for (int c = 0; c < channels; c++) {
                dst[dstOff + c] += src[s + c] * w[f + c];
            }
        }
    }

    @Override
    public void rowDot(float[] x, int xOff, int xStride, float[] dy, int dyOff, int dyStride, int count,
                       float[] acc, int accOff, int channels) {
        for (int i = 0; i < count; i++) {
            int xi = xOff + i * xStride;
            int di = dyOff + i * dyStride;
            for (int c = 0; c < channels; c++) {
                acc[accOff + c] += x[xi + c] * dy[di + c];
            }
        }
    }
}

package dev.imgcls.kernels.cpu.conv;

/**
 * The inner loops of the depthwise convolution, over a run of contiguous channels (NHWC keeps a
 * pixel's channels together and a depthwise filter's channels line up with them), for a run of
 * pixels that step through memory at a fixed stride.
 */
interface ChannelKernels {
    /**
     * dst[dstOff + i·dstStep + c] = Σ_t src[srcOffs[t] + i·srcStep + c]·w[wOffs[t] + c] for
     * i &lt; count, c &lt; channels: {@code count} pixels that all see the same taps (the forward
     * pass's output pixels, or the input gradient's input pixels of one stride phase).
     */
    void convolveRun(float[] src, int[] srcOffs, int srcStep, float[] w, int[] wOffs, int taps,
                     float[] dst, int dstOff, int dstStep, int count, int channels);

    /**
     * acc[accOff + t·channels + c] += Σ_i x[xOff + t·channels + i·xStep + c]·dy[dyOff + i·channels + c]
     * for t &lt; taps (1 to 4 neighbouring taps of one filter row), i &lt; count, c &lt; channels: the
     * filter gradient of those taps over a run of output pixels, sharing each dy load.
     */
    void accumulateTaps(float[] x, int xOff, int xStep, float[] dy, int dyOff, int count,
                        float[] acc, int accOff, int taps, int channels);
}

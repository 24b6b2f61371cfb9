package dev.imgcls.kernels.cpu.conv;

/**
 * The two inner loops of the depthwise convolution, over a run of contiguous channels (NHWC keeps
 * one pixel's channels together, and a depthwise filter's channels line up with them).
 */
interface ChannelKernels {
    /**
     * dst[dstOff + c] = Σ_t src[srcOffs[t] + c]·w[wOffs[t] + c] for c &lt; channels: one output
     * pixel of the forward pass, or one input pixel of the input gradient.
     */
    void gatherDot(float[] src, int[] srcOffs, float[] w, int[] wOffs, int taps, float[] dst, int dstOff, int channels);

    /**
     * acc[accOff + c] += Σ_i x[xOff + i·xStride + c]·dy[dyOff + i·dyStride + c] for i &lt; count,
     * c &lt; channels: one tap's filter gradient over a row of output pixels.
     */
    void rowDot(float[] x, int xOff, int xStride, float[] dy, int dyOff, int dyStride, int count,
                float[] acc, int accOff, int channels);
}

package dev.imgcls.kernels.cpu;

/**
 * The FLOAT32 activation loops over index ranges [from, to): a scalar implementation and a Vector
 * API one, chosen once by {@link #get()}. Besides the exp-based ones, relu and its gradient are
 * here: as scalar code their data-dependent branch mispredicts on half of random inputs, where
 * a SIMD mask-blend has no branch at all.
 */
interface ActivationLoops {
    /** y = 0 where x &lt; 0, else x: NaN and −0 pass through (TF's rule, see the tensor.ops package doc). */
    void relu(float[] x, float[] y, int from, int to);

    /** y = g·[x &gt; 0], a product: −0 where g &lt; 0, NaN where g is NaN or ±∞ (TF's rule). */
    void reluGrad(float[] g, float[] x, float[] y, int from, int to);

    void sigmoid(float[] x, float[] y, int from, int to);

    void tanh(float[] x, float[] y, int from, int to);

    void swish(float[] x, float[] y, int from, int to);

    /** x·½(1 + erf(x/√2)), erf to 1.5e-7 absolute (Abramowitz and Stegun 7.1.26). */
    void gelu(float[] x, float[] y, int from, int to);

    /** g·(½(1 + erf(x/√2)) + x·φ(x)), the gradient of {@link #gelu} at its input x. */
    void geluGrad(float[] g, float[] x, float[] y, int from, int to);

    void exp(float[] x, float[] y, int from, int to);

    /** y = g·(s + x·s·(1 − s)), s = sigmoid(x). */
    void swishGrad(float[] g, float[] x, float[] y, int from, int to);

    /** The SIMD loops when {@link VectorSupport#enabled()}, else the scalar ones. */
    static ActivationLoops get() {
        if (VectorSupport.enabled()) {
            // Only referenced here, so the Vector API classes load only once SIMD is known to work.
            return VectorActivationLoops.INSTANCE;
        }
        return ScalarActivationLoops.INSTANCE;
    }
}

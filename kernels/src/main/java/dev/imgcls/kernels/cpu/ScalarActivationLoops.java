package dev.imgcls.kernels.cpu;

/** The activations in plain Java ({@link Math#exp}, {@link Math#tanh}), one element at a time. */
final class ScalarActivationLoops implements ActivationLoops {
    static final ScalarActivationLoops INSTANCE = new ScalarActivationLoops();

    private ScalarActivationLoops() {
    }

    /** 1/(1+e^−x) through e^−|x| ≤ 1, so neither branch overflows and tiny results keep their precision. */
    static float sigmoid(float x) {
        float e = (float) Math.exp(-Math.abs(x));
        float r = 1f / (1f + e);
        return x >= 0 ? r : e * r;
    }

    /**
     * g·s·(1 + x·(1 − s)), with s and 1 − s = sigmoid(−x) both taken from e^−|x|: forming 1 − s by
     * subtraction would lose bits where s is close to 1.
     */
    static float swishGrad(float g, float x) {
        float e = (float) Math.exp(-Math.abs(x));
        float r = 1f / (1f + e);
        float s = x >= 0 ? r : e * r;
        float oneMinusS = x >= 0 ? e * r : r;
        return g * s * (1f + x * oneMinusS);
    }

    /** Abramowitz and Stegun 7.1.26: 1 − (a₁t + … + a₅t⁵)·e^(−x²), t = 1/(1 + p|x|), error ≤ 1.5e-7. */
    static float erf(float x) {
        float a = Math.abs(x);
        float t = 1f / (1f + ERF_P * a);
        float poly = ((((ERF_A5 * t + ERF_A4) * t + ERF_A3) * t + ERF_A2) * t + ERF_A1) * t;
        return Math.copySign(Math.max(0f, 1f - poly * (float) Math.exp(-a * a)), x);
    }

    static final float ERF_P = 0.3275911f;
    static final float ERF_A1 = 0.254829592f;
    static final float ERF_A2 = -0.284496736f;
    static final float ERF_A3 = 1.421413741f;
    static final float ERF_A4 = -1.453152027f;
    static final float ERF_A5 = 1.061405429f;
    static final float SQRT1_2 = 0.70710678f;
    /** 1/√(2π). */
    static final float INV_SQRT_2PI = 0.39894228f;

    static float geluGrad(float g, float x) {
        return g * (0.5f * (1f + erf(x * SQRT1_2)) + x * INV_SQRT_2PI * (float) Math.exp(-0.5f * x * x));
    }

    @Override
    public void gelu(float[] x, float[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            y[i] = x[i] * 0.5f * (1f + erf(x[i] * SQRT1_2));
        }
    }

    @Override
    public void geluGrad(float[] g, float[] x, float[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            y[i] = geluGrad(g[i], x[i]);
        }
    }

    @Override
    public void relu(float[] x, float[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            y[i] = x[i] < 0f ? 0f : x[i];
        }
    }

    @Override
    public void reluGrad(float[] g, float[] x, float[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            y[i] = g[i] * (x[i] > 0f ? 1f : 0f);
        }
    }

    @Override
    public void sigmoid(float[] x, float[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            y[i] = sigmoid(x[i]);
        }
    }

    @Override
    public void tanh(float[] x, float[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            y[i] = (float) Math.tanh(x[i]);
        }
    }

    @Override
    public void swish(float[] x, float[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            y[i] = x[i] * sigmoid(x[i]);
        }
    }

    @Override
    public void exp(float[] x, float[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            y[i] = (float) Math.exp(x[i]);
        }
    }

    @Override
    public void swishGrad(float[] g, float[] x, float[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            y[i] = swishGrad(g[i], x[i]);
        }
    }
}

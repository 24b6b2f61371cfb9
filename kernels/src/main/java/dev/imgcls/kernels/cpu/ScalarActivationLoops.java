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

package dev.imgcls.kernels.cpu;

/**
 * Plain FLOAT32 loops over index ranges for the elementwise ops without exp: one static method
 * per op so that each loop body is fixed at compile time and C2 vectorises it (a loop calling a
 * lambda per element does not vectorise once the call site has seen several lambdas).
 */
final class ArithmeticLoops {
    private ArithmeticLoops() {
    }

    static void neg(float[] x, float[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            y[i] = -x[i];
        }
    }

    /** y = g·s·(1 − s), s the sigmoid output. */
    static void sigmoidGrad(float[] g, float[] s, float[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            y[i] = g[i] * s[i] * (1f - s[i]);
        }
    }

    /** y = g·(1 − t²), t the tanh output. */
    static void tanhGrad(float[] g, float[] t, float[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            y[i] = g[i] * (1f - t[i] * t[i]);
        }
    }

    static void log(float[] x, float[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            y[i] = (float) Math.log(x[i]);
        }
    }

    static void sqrt(float[] x, float[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            y[i] = (float) Math.sqrt(x[i]);
        }
    }

    static void rsqrt(float[] x, float[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            y[i] = 1f / (float) Math.sqrt(x[i]);
        }
    }

    static void square(float[] x, float[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            y[i] = x[i] * x[i];
        }
    }
}

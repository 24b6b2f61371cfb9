package dev.imgcls.kernels.cpu;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Both implementations of the activation loops (the SIMD one only where the Vector API is on)
 * against double-precision formulas, element by element, over the whole float range: near 0
 * (where tanh switches to its series), the saturated tails, denormal results, ±∞ and NaN, and
 * at odd range bounds so the scalar tails run too.
 */
class ActivationLoopsTest {
    /** Relative error allowed: a few float ulps (1 ulp = 6e-8 relative). */
    private static final double REL = 3e-7;

    private static List<ActivationLoops> implementations() {
        List<ActivationLoops> all = new ArrayList<>();
        all.add(ScalarActivationLoops.INSTANCE);
        if (VectorSupport.enabled()) {
            all.add(ActivationLoops.get());
        }
        return all;
    }

    private static float[] inputs() {
        List<Float> v = new ArrayList<>();
        float[] special = {0f, -0f, 1e-30f, -1e-30f, 1e-6f, -3e-5f, 0.2499f, 0.25f, -0.2501f, 0.3f, 1f, -1f, 5f, -9.5f, 16f, -20f,
                30f, 87f, -87f, 88.7f, -88.7f, 89f, -100f, 103f, -104f, 120f, -1e4f, Float.MAX_VALUE, -Float.MAX_VALUE,
                Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN};
        for (float f : special) {
            v.add(f);
        }
        for (int i = -4000; i <= 4000; i++) {
            v.add(i * 0.011f);
        }
        for (int i = -1000; i <= 1000; i++) {
            v.add(i * 0.11f);
        }
        float[] out = new float[v.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = v.get(i);
        }
        return out;
    }

    private static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }

    private interface Loop {
        void run(ActivationLoops impl, float[] x, float[] y, int from, int to);
    }

    private static void check(String name, Loop loop, DoubleUnaryOperator exact) {
        check(name, loop, exact, x -> Math.abs(exact.applyAsDouble(x)));
    }

    /** {@code magnitude(x)} scales the allowed error: the size of the terms the result is computed from. */
    private static void check(String name, Loop loop, DoubleUnaryOperator exact, DoubleUnaryOperator magnitude) {
        float[] x = inputs();
        for (ActivationLoops impl : implementations()) {
            float[] y = new float[x.length];
            // Two ranges with odd bounds: vector bodies and scalar tails both run.
            loop.run(impl, x, y, 0, 13);
            loop.run(impl, x, y, 13, x.length);
            for (int i = 0; i < x.length; i++) {
                double e = exact.applyAsDouble(x[i]);
                float expected = (float) e;
                if (Double.isNaN(e)) {
                    if (!Float.isNaN(y[i])) {
                        fail(name + " " + impl.getClass().getSimpleName() + "(" + x[i] + ") = " + y[i] + ", expected NaN");
                    }
                    continue;
                }
                double err = Math.abs(y[i] - e);
                // Denormal intermediates (sigmoid(−100) ≈ 4e-44) carry an absolute error of half the
                // smallest float, which swish multiplies by |x|.
                boolean ok = expected == y[i] || err <= REL * magnitude.applyAsDouble(x[i]) + (1 + Math.abs(x[i])) * Float.MIN_VALUE;
                if (!ok) {
                    fail(name + " " + impl.getClass().getSimpleName() + "(" + x[i] + ") = " + y[i] + ", expected " + e);
                }
            }
        }
    }

    @Test
    void sigmoidIsAccurate() {
        check("sigmoid", ActivationLoops::sigmoid, ActivationLoopsTest::sigmoid);
    }

    @Test
    void tanhIsAccurateIncludingNearZero() {
        check("tanh", ActivationLoops::tanh, Math::tanh);
    }

    @Test
    void expIsAccurateIncludingOverflowAndDenormals() {
        check("exp", ActivationLoops::exp, Math::exp);
    }

    @Test
    void swishIsAccurate() {
        // swish(−∞) = −∞·0 is NaN, in the formula as in TF.
        check("swish", ActivationLoops::swish, x -> Double.isInfinite(x) && x < 0 ? Double.NaN : x * sigmoid(x));
    }

    @Test
    void swishGradIsAccurate() {
        float g = 0.7f;
        check("swish_grad", (impl, x, y, from, to) -> {
            float[] gs = new float[x.length];
            java.util.Arrays.fill(gs, g);
            impl.swishGrad(gs, x, y, from, to);
        }, x -> {
            // At ±∞ the formula meets ∞·0 and gives NaN, as TF's does.
            double s = sigmoid(x);
            return g * (s + x * s * (1 - s));
        }, x -> {
            // Near x ≈ −1.28 the two terms cancel: float error is relative to the terms, not the sum.
            double s = sigmoid(x);
            return g * (Math.abs(s) + Math.abs(x * s * (1 - s)));
        });
    }

    @Test
    void reluKeepsNaNAndNegativeZeroAndItsGradientIsAProduct() {
        check("relu", ActivationLoops::relu, x -> x < 0 ? 0.0 : x);
        float[] x = inputs();
        float[] g = new float[x.length];
        for (int i = 0; i < g.length; i++) {
            g[i] = i % 7 == 3 ? Float.NaN : i - 77.5f;
        }
        for (ActivationLoops impl : implementations()) {
            String name = impl.getClass().getSimpleName();
            float[] y = new float[x.length];
            impl.reluGrad(g, x, y, 0, 5);
            impl.reluGrad(g, x, y, 5, x.length);
            for (int i = 0; i < x.length; i++) {
                float expected = g[i] * (x[i] > 0 ? 1f : 0f);
                assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(y[i]),
                        name + " relu_grad(" + g[i] + ", " + x[i] + ") = " + y[i] + ", expected " + expected);
            }
            // 19 elements: the specials land in vector bodies and in the scalar tail.
            float[] special = new float[19];
            java.util.Arrays.fill(special, 1f);
            special[0] = Float.NaN;
            special[1] = -0f;
            special[17] = Float.NaN;
            special[18] = -0f;
            float[] r = new float[special.length];
            impl.relu(special, r, 0, special.length);
            for (int i : new int[] {0, 17}) {
                assertTrue(Float.isNaN(r[i]), name + " relu(NaN) is NaN at " + i);
            }
            for (int i : new int[] {1, 18}) {
                assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(r[i]), name + " relu(-0) is -0 at " + i);
            }
        }
    }

    @Test
    void simdPathIsChosenWhenTheVectorApiIsOn() {
        assertEquals(VectorSupport.enabled(), ActivationLoops.get() != ScalarActivationLoops.INSTANCE);
        assertTrue(implementations().size() >= 1);
    }
}

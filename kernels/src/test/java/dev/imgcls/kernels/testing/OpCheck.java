package dev.imgcls.kernels.testing;

import dev.imgcls.kernels.cpu.CpuBackend;
import dev.imgcls.kernels.reference.ReferenceBackend;
import dev.imgcls.tensor.Autograd;
import dev.imgcls.tensor.Backends;
import dev.imgcls.tensor.Device;
import dev.imgcls.tensor.Generator;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.spi.Backend;

import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The two checks every op gets, in one place:
 * <ul>
 *   <li>{@link #gradCheck}: analytic gradients from the op's backward rule against central finite
 *       differences, all in FLOAT64 on the reference backend;</li>
 *   <li>{@link #compareBackends}: a {@link BackendUnderTest}'s outputs (and, optionally, input
 *       gradients) against the reference backend's on the same FLOAT32 inputs; the op suite runs
 *       it for every backend in {@link BackendsUnderTest} through {@link EveryBackend}.</li>
 * </ul>
 */
public final class OpCheck {
    public static final Backend REFERENCE = Backends.byName(ReferenceBackend.NAME);
    public static final Backend CPU = Backends.byName(CpuBackend.NAME);
    /** The reference backend as a backend under test: the oracle side of every comparison. */
    public static final BackendUnderTest ORACLE = new BackendUnderTest(REFERENCE, Device.CPU);

    private OpCheck() {
    }

    /** Random FLOAT32 normal values; never zero-filled, so a kernel that writes nothing fails. */
    public static Tensor randn(long seed, int... shape) {
        return Tensor.randomNormal(new Generator(seed), 0, 1, shape);
    }

    /** Random FLOAT32 uniform values in [lo, hi). */
    public static Tensor uniform(long seed, double lo, double hi, int... shape) {
        return Tensor.randomUniform(new Generator(seed), lo, hi, shape);
    }

    /** The same values as FLOAT64. */
    public static Tensor f64(Tensor t) {
        return Tensor.of(t.toDoubleArray(), t.dims());
    }

    /**
     * Checks d(Σ f(x)·R)/dx from autograd against central differences for every input (or a
     * random sample of up to {@code maxPerInput} elements of large inputs). Inputs are converted to
     * FLOAT64; {@code f} must be smooth near the given point (keep inputs away from kinks).
     */
    public static void gradCheck(Function<Tensor[], Tensor> f, Tensor... inputs) {
        gradCheck(f, 1e-6, 1e-5, inputs);
    }

    public static void gradCheck(Function<Tensor[], Tensor> f, double atol, double rtol, Tensor... inputs) {
        int maxPerInput = 60;
        try (Autograd.Scope ignored = Backends.use(REFERENCE)) {
            Tensor[] xs = new Tensor[inputs.length];
            for (int i = 0; i < inputs.length; i++) {
                xs[i] = f64(inputs[i]).requiresGrad(true);
            }
            Tensor y0 = f.apply(xs);
            Tensor weights = f64(randn(4242, y0.dims()));
            Tensor loss = y0.mul(weights).sum();
            loss.backward();
            Generator pick = new Generator(7);
            for (int i = 0; i < xs.length; i++) {
                assertNotNull(xs[i].grad(), "input " + i + " got no gradient");
                double[] analytic = xs[i].grad().toDoubleArray();
                double[] base = xs[i].toDoubleArray();
                int n = base.length;
                int checks = Math.min(n, maxPerInput);
                for (int c = 0; c < checks; c++) {
                    int j = n <= maxPerInput ? c : (int) ((pick.nextInt() & 0x7fffffffL) % n);
                    double h = 1e-6 * Math.max(1.0, Math.abs(base[j]));
                    double plus = lossAt(f, xs, i, base, j, base[j] + h, weights);
                    double minus = lossAt(f, xs, i, base, j, base[j] - h, weights);
                    double numeric = (plus - minus) / (2 * h);
                    double err = Math.abs(numeric - analytic[j]);
                    if (err > atol + rtol * Math.abs(numeric) + 1e-7 * Math.max(1, Math.abs(loss.item()))) {
                        fail("input " + i + " element " + j + ": autograd " + analytic[j] + " vs finite difference " + numeric);
                    }
                }
            }
        }
    }

    private static double lossAt(Function<Tensor[], Tensor> f, Tensor[] xs, int which, double[] base, int j, double v, Tensor weights) {
        try (Autograd.Scope ng = Autograd.noGrad()) {
            double[] moved = base.clone();
            moved[j] = v;
            Tensor[] args = xs.clone();
            args[which] = Tensor.of(moved, xs[which].dims());
            return f.apply(args).mul(weights).sum().item();
        }
    }

    /**
     * Runs {@code f} on the reference backend and on {@code b} (inputs copied to its device,
     * outputs copied back) with the same FLOAT32 inputs and checks every output agrees to
     * {@code tol}, measured relative to the largest finite reference magnitude of that output (so
     * tol≈1e-5 tolerates float32 re-association). NaN must meet NaN and ±∞ the same ∞.
     */
    public static void compareBackends(BackendUnderTest b, Function<Tensor[], Tensor[]> f, double tol, Tensor... inputs) {
        b.assumeUsable();
        Tensor[] expected = run(ORACLE, f, inputs);
        Tensor[] actual = run(b, f, inputs);
        assertEquals(expected.length, actual.length, "number of outputs");
        for (int o = 0; o < expected.length; o++) {
            assertClose(expected[o], actual[o], tol, b + " output " + o);
        }
    }

    /** As {@link #compareBackends} for single-output functions. */
    public static void compareBackends1(BackendUnderTest b, Function<Tensor[], Tensor> f, double tol, Tensor... inputs) {
        compareBackends(b, x -> new Tensor[] {f.apply(x)}, tol, inputs);
    }

    /** Compares outputs and the gradients of Σ f(x)·R with respect to every floating input. */
    public static void compareBackendsWithGrad(BackendUnderTest b, Function<Tensor[], Tensor> f, double tol, Tensor... inputs) {
        compareWithGrad(b, f, tol, false, inputs);
    }

    /**
     * The special-value check: as {@link #compareBackendsWithGrad}, and a zero output must also
     * carry the reference's sign (−0 vs +0); zero gradients may have either sign.
     */
    public static void compareSpecialValues(BackendUnderTest b, Function<Tensor[], Tensor> f, double tol, Tensor... inputs) {
        compareWithGrad(b, f, tol, true, inputs);
    }

    private static void compareWithGrad(BackendUnderTest b, Function<Tensor[], Tensor> f, double tol, boolean signedZeros, Tensor... inputs) {
        b.assumeUsable();
        Tensor[][] expected = runWithGrad(ORACLE, f, inputs);
        Tensor[][] actual = runWithGrad(b, f, inputs);
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                if (expected[i][j] != null) {
                    String what = b + " " + (i == 0 ? "output" : "gradient of input " + j);
                    assertNotNull(actual[i][j], what + " missing");
                    // The sign of a zero is part of an output's contract, not of a gradient's.
                    assertClose(expected[i][j], actual[i][j], tol, signedZeros && i == 0, what);
                }
            }
        }
    }

    /** f on {@code b}, inputs on its device, outputs back on the host. */
    public static Tensor[] run(BackendUnderTest b, Function<Tensor[], Tensor[]> f, Tensor... inputs) {
        try (Autograd.Scope ignored = Backends.use(b.backend()); Autograd.Scope ng = Autograd.noGrad()) {
            Tensor[] xs = new Tensor[inputs.length];
            for (int i = 0; i < xs.length; i++) {
                xs[i] = b.put(inputs[i]);
            }
            Tensor[] out = f.apply(xs);
            for (int i = 0; i < out.length; i++) {
                out[i] = BackendUnderTest.back(out[i]);
            }
            return out;
        }
    }

    private static Tensor[][] runWithGrad(BackendUnderTest b, Function<Tensor[], Tensor> f, Tensor[] inputs) {
        try (Autograd.Scope ignored = Backends.use(b.backend())) {
            Tensor[] xs = new Tensor[inputs.length];
            for (int i = 0; i < inputs.length; i++) {
                xs[i] = b.put(inputs[i].detach());
                if (xs[i].dtype().isFloating()) {
                    xs[i].requiresGrad(true);
                }
            }
            Tensor y = f.apply(xs);
            Tensor loss = y.mul(b.put(randn(99, y.dims()))).sum();
            if (loss.requiresGrad()) { // not for a gradient op itself, which has no backward rule
                // An explicit seed on the loss's device: Autograd's implicit seed is created on the host.
                loss.backward(b.put(Tensor.full(loss.dtype(), 1.0, loss.dims())));
            }
            Tensor[] grads = new Tensor[xs.length];
            for (int i = 0; i < xs.length; i++) {
                grads[i] = BackendUnderTest.back(xs[i].grad());
            }
            return new Tensor[][] {{BackendUnderTest.back(y)}, grads};
        }
    }

    public static void assertClose(Tensor expected, Tensor actual, double tol, String what) {
        assertClose(expected, actual, tol, false, what);
    }

    /**
     * Element-wise agreement to {@code tol} relative to the largest finite expected magnitude;
     * non-finite values must match exactly (NaN for NaN, the same ∞), and with
     * {@code signedZeros} an expected ±0 must come back with its sign.
     */
    public static void assertClose(Tensor expected, Tensor actual, double tol, boolean signedZeros, String what) {
        assertEquals(expected.shape(), actual.shape(), what + " shape");
        assertEquals(expected.dtype(), actual.dtype(), what + " dtype");
        double[] e = expected.toDoubleArray();
        double[] a = actual.toDoubleArray();
        double scale = 1e-30;
        for (double v : e) {
            if (Double.isFinite(v)) {
                scale = Math.max(scale, Math.abs(v));
            }
        }
        for (int i = 0; i < e.length; i++) {
            boolean agree;
            if (!Double.isFinite(e[i]) || !Double.isFinite(a[i])) {
                agree = Double.compare(e[i], a[i]) == 0;
            } else if (signedZeros && e[i] == 0) {
                agree = Double.compare(e[i], a[i]) == 0;
            } else {
                agree = Math.abs(e[i] - a[i]) <= tol * Math.max(1.0, scale);
            }
            if (!agree) {
                fail(what + " element " + i + ": expected " + e[i] + " got " + a[i] + " (scale " + scale + ", tol " + tol + ")");
            }
        }
    }
}

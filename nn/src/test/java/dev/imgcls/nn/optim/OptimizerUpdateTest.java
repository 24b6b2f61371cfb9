package dev.imgcls.nn.optim;

import dev.imgcls.nn.Variable;
import dev.imgcls.nn.VariableStore;
import dev.imgcls.tensor.MemoryScope;
import dev.imgcls.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each optimizer against TF1's update formulas written out here in double precision, over several
 * steps with a different gradient and learning rate each step.
 */
class OptimizerUpdateTest {
    private static final double[] LEARNING_RATES = {0.1, 0.05, 0.2, 0.01, 0.3};

    /** A dense kernel [2, 3] and bias [3] (trainable) and a moving mean (not trainable). */
    private static final class Model {
        final VariableStore store = new VariableStore();
        final Variable kernel;
        final Variable bias;
        final Variable movingMean;

        Model(long seed) {
            SplittableRandom r = new SplittableRandom(seed);
            kernel = store.create("dense", "kernel", Variable.Role.KERNEL, Tensor.of(floats(r, 6), 2, 3));
            bias = store.create("dense", "bias", Variable.Role.BIAS, Tensor.of(floats(r, 3), 3));
            movingMean = store.create("batch_normalization", "moving_mean", Variable.Role.MOVING_MEAN, Tensor.of(floats(r, 3), 3));
        }

        List<Variable> trainable() {
            return List.of(kernel, bias);
        }
    }

    private static float[] floats(SplittableRandom r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (r.nextGaussian() * 0.5);
        }
        return a;
    }

    private static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }

    /** Gradients for one step: one float array per trainable variable. */
    private static List<float[]> gradients(SplittableRandom r, Model m) {
        return List.of(floats(r, m.kernel.shape().numel()), floats(r, m.bias.shape().numel()));
    }

    /** Makes backward() leave exactly {@code grads} on the variables: loss = Σ w·g. */
    private static void backward(List<Variable> vars, List<float[]> grads) {
        Tensor loss = null;
        for (int i = 0; i < vars.size(); i++) {
            Tensor w = vars.get(i).value();
            Tensor term = w.mul(Tensor.of(grads.get(i), w.dims())).sum();
            loss = loss == null ? term : loss.add(term);
        }
        loss.backward();
    }

    /** The reference: one variable's weights and slots in double, updated by a TF1 formula. */
    private interface Reference {
        void step(double[] w, double[] g, double lr, int t, Map<String, double[]> slots);
    }

    /**
     * Runs {@code LEARNING_RATES.length} steps on the optimizer and on the reference; compares weights
     * and every slot after each step.
     */
    private static Optimizer runAndCompare(OptimizerSettings settings, Map<String, Double> initialSlots, Reference reference) {
        Model model = new Model(1);
        Optimizer opt = settings.create(model.store.all());
        SplittableRandom r = new SplittableRandom(2);
        List<double[]> expectedW = new ArrayList<>();
        List<Map<String, double[]>> expectedSlots = new ArrayList<>();
        for (Variable v : model.trainable()) {
            expectedW.add(toDouble(v.value().toFloatArray()));
            Map<String, double[]> slots = new HashMap<>();
            initialSlots.forEach((suffix, init) -> {
                double[] s = new double[v.shape().numel()];
                java.util.Arrays.fill(s, init);
                slots.put(suffix, s);
            });
            expectedSlots.add(slots);
        }
        float[] movingBefore = model.movingMean.value().toFloatArray();
        for (int t = 1; t <= LEARNING_RATES.length; t++) {
            List<float[]> grads = gradients(r, model);
            backward(model.trainable(), grads);
            opt.apply(LEARNING_RATES[t - 1]);
            for (int i = 0; i < model.trainable().size(); i++) {
                Variable v = model.trainable().get(i);
                reference.step(expectedW.get(i), toDouble(grads.get(i)), LEARNING_RATES[t - 1], t, expectedSlots.get(i));
                assertClose(expectedW.get(i), v.value().toFloatArray(), v.name() + " after step " + t);
                for (Map.Entry<String, double[]> slot : expectedSlots.get(i).entrySet()) {
                    String name = v.name() + "/" + slot.getKey();
                    assertClose(slot.getValue(), opt.state().get(name).toFloatArray(), name + " after step " + t);
                }
            }
        }
        assertEquals(LEARNING_RATES.length, opt.iterations());
        assertArrayEquals(movingBefore, model.movingMean.value().toFloatArray(), "non-trainable variables are not touched");
        return opt;
    }

    private static void assertClose(double[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            double tolerance = 2e-6 + 2e-5 * Math.abs(expected[i]);
            assertEquals(expected[i], actual[i], tolerance, what + " [" + i + "]");
        }
    }

    @Test
    void momentumFollowsTf1() {
        double mu = 0.9;
        Optimizer opt = runAndCompare(new MomentumSettings(mu, false), Map.of("Momentum", 0.0), (w, g, lr, t, slots) -> {
            double[] a = slots.get("Momentum");
            for (int i = 0; i < w.length; i++) {
                a[i] = mu * a[i] + g[i];
                w[i] -= lr * a[i];
            }
        });
        assertEquals(List.of("dense/kernel/Momentum", "dense/bias/Momentum"), List.copyOf(opt.state().keySet()));
    }

    @Test
    void nesterovMomentumFollowsTf1() {
        double mu = 0.7;
        runAndCompare(new MomentumSettings(mu, true), Map.of("Momentum", 0.0), (w, g, lr, t, slots) -> {
            double[] a = slots.get("Momentum");
            for (int i = 0; i < w.length; i++) {
                a[i] = mu * a[i] + g[i];
                w[i] -= lr * (g[i] + mu * a[i]);
            }
        });
    }

    @Test
    void adamFollowsTf1WithEpsilonOutsideTheRoot() {
        double b1 = 0.9;
        double b2 = 0.99;
        double eps = 1e-3;
        Optimizer opt = runAndCompare(new AdamSettings(b1, b2, eps), Map.of("Adam", 0.0, "Adam_1", 0.0), (w, g, lr, t, slots) -> {
            double[] m = slots.get("Adam");
            double[] v = slots.get("Adam_1");
            double lrT = lr * Math.sqrt(1 - Math.pow(b2, t)) / (1 - Math.pow(b1, t));
            for (int i = 0; i < w.length; i++) {
                m[i] = b1 * m[i] + (1 - b1) * g[i];
                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
                w[i] -= lrT * m[i] / (Math.sqrt(v[i]) + eps);
            }
        });
        assertEquals(List.of("beta1_power", "beta2_power", "dense/kernel/Adam", "dense/kernel/Adam_1", "dense/bias/Adam",
                "dense/bias/Adam_1"), List.copyOf(opt.state().keySet()));
        // TF keeps the powers as float32 variables multiplied once per step.
        float p1 = 0.9f;
        float p2 = 0.99f;
        for (int t = 0; t < LEARNING_RATES.length; t++) {
            p1 *= 0.9f;
            p2 *= 0.99f;
        }
        assertEquals(p1, (float) opt.state().get("beta1_power").item());
        assertEquals(p2, (float) opt.state().get("beta2_power").item());
    }

    @Test
    void rmsPropFollowsTf1WithMeanSquareStartingAtOne() {
        double rho = 0.9;
        double mu = 0.5;
        double eps = 1e-4;
        Optimizer opt = runAndCompare(new RmsPropSettings(rho, mu, eps, false), Map.of("RMSProp", 1.0, "RMSProp_1", 0.0),
                (w, g, lr, t, slots) -> {
                    double[] ms = slots.get("RMSProp");
                    double[] mom = slots.get("RMSProp_1");
                    for (int i = 0; i < w.length; i++) {
                        ms[i] = rho * ms[i] + (1 - rho) * g[i] * g[i];
                        mom[i] = mu * mom[i] + lr * g[i] / Math.sqrt(ms[i] + eps);
                        w[i] -= mom[i];
                    }
                });
        assertEquals(List.of("dense/kernel/RMSProp", "dense/kernel/RMSProp_1", "dense/bias/RMSProp", "dense/bias/RMSProp_1"),
                List.copyOf(opt.state().keySet()));
    }

    @Test
    void centeredRmsPropKeepsTheMeanGradientInTheSecondSlot() {
        double rho = 0.8;
        double mu = 0.9;
        double eps = 1e-3;
        Optimizer opt = runAndCompare(new RmsPropSettings(rho, mu, eps, true),
                Map.of("RMSProp", 1.0, "RMSProp_1", 0.0, "RMSProp_2", 0.0), (w, g, lr, t, slots) -> {
                    double[] ms = slots.get("RMSProp");
                    double[] mg = slots.get("RMSProp_1");
                    double[] mom = slots.get("RMSProp_2");
                    for (int i = 0; i < w.length; i++) {
                        ms[i] = rho * ms[i] + (1 - rho) * g[i] * g[i];
                        mg[i] = rho * mg[i] + (1 - rho) * g[i];
                        mom[i] = mu * mom[i] + lr * g[i] / Math.sqrt(ms[i] - mg[i] * mg[i] + eps);
                        w[i] -= mom[i];
                    }
                });
        assertEquals(6, opt.state().size());
    }

    @Test
    void slotsStartAtTf1InitialValues() {
        Model model = new Model(3);
        Map<String, Tensor> rms = RmsPropSettings.DEFAULTS.create(model.store.all()).state();
        assertArrayEquals(new float[] {1, 1, 1, 1, 1, 1}, rms.get("dense/kernel/RMSProp").toFloatArray());
        assertArrayEquals(new float[3], rms.get("dense/bias/RMSProp_1").toFloatArray());
        Map<String, Tensor> adam = AdamSettings.DEFAULTS.create(model.store.all()).state();
        assertEquals(0.9f, (float) adam.get("beta1_power").item());
        assertEquals(0.999f, (float) adam.get("beta2_power").item());
        assertEquals(List.of(2, 3), java.util.Arrays.stream(adam.get("dense/kernel/Adam").dims()).boxed().toList());
    }

    @Test
    void variablesWithoutAGradientAreLeftAlone() {
        Model model = new Model(4);
        Optimizer opt = MomentumSettings.DEFAULTS.create(model.store.all());
        float[] biasBefore = model.bias.value().toFloatArray();
        backward(List.of(model.kernel), List.of(new float[] {1, 2, 3, 4, 5, 6}));
        opt.apply(0.1);
        assertArrayEquals(biasBefore, model.bias.value().toFloatArray());
        assertArrayEquals(new float[3], opt.state().get("dense/bias/Momentum").toFloatArray());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, opt.state().get("dense/kernel/Momentum").toFloatArray());
    }

    @Test
    void applyWithoutAnyGradientIsAnError() {
        Optimizer opt = MomentumSettings.DEFAULTS.create(new Model(5).store.all());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> opt.apply(0.1));
        assertEquals("no variable has a gradient: call backward() on the loss before apply()", e.getMessage());
        assertEquals(0, opt.iterations());
        assertThrows(IllegalArgumentException.class, () -> opt.apply(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> opt.apply(-0.1));
    }

    @Test
    void anUpdateFreesItsTemporariesTheOldValuesAndTheGradients() {
        Model model = new Model(6);
        Optimizer opt = new RmsPropSettings(0.9, 0.9, 1e-3, true).create(model.store.all());
        SplittableRandom r = new SplittableRandom(7);
        try (MemoryScope step = MemoryScope.open()) {
            backward(model.trainable(), gradients(r, model));
            Tensor oldKernel = model.kernel.value();
            Tensor oldSlot = opt.state().get("dense/kernel/RMSProp_2");
            int owned = step.ownedCount();
            opt.apply(0.1);
            assertEquals(owned, step.ownedCount(), "apply() leaves nothing in the caller's scope");
            assertTrue(oldKernel.isReleased(), "the previous value is released");
            assertNull(model.kernel.value().grad(), "the gradient was consumed");
            assertTrue(oldSlot.isReleased(), "the previous slot value is released");
        }
        // Everything the optimizer holds survives the caller's scope.
        assertFalse(model.kernel.value().isReleased());
        opt.state().values().forEach(t -> assertFalse(t.isReleased()));
        assertTrue(model.kernel.value().requiresGrad());
    }

    @Test
    void restoringTheStateContinuesExactlyLikeAnUninterruptedRun() {
        for (OptimizerSettings settings : List.of(new MomentumSettings(0.9, true), AdamSettings.DEFAULTS,
                new RmsPropSettings(0.9, 0.9, 1e-3, true))) {
            SplittableRandom r = new SplittableRandom(8);
            List<List<float[]>> grads = List.of(gradients(r, new Model(0)), gradients(r, new Model(0)), gradients(r, new Model(0)));
            Model a = new Model(9);
            Optimizer uninterrupted = settings.create(a.store.all());
            for (List<float[]> g : grads) {
                backward(a.trainable(), g);
                uninterrupted.apply(0.05);
            }

            Model b = new Model(9);
            Optimizer first = settings.create(b.store.all());
            for (List<float[]> g : grads.subList(0, 2)) {
                backward(b.trainable(), g);
                first.apply(0.05);
            }
            // A "checkpoint": copies of everything, with unrelated entries mixed in.
            Map<String, Tensor> checkpoint = new HashMap<>();
            first.state().forEach((k, v) -> checkpoint.put(k, Tensor.of(v.toFloatArray(), v.dims())));
            checkpoint.put("global_step", Tensor.ofLongs(new long[] {2}));
            Model c = new Model(10);
            c.kernel.assign(Tensor.of(b.kernel.value().toFloatArray(), 2, 3));
            c.bias.assign(Tensor.of(b.bias.value().toFloatArray(), 3));
            Optimizer resumed = settings.create(c.store.all());
            resumed.restore(checkpoint);
            checkpoint.values().forEach(Tensor::release);
            backward(c.trainable(), grads.get(2));
            resumed.apply(0.05);

            assertArrayEquals(a.kernel.value().toFloatArray(), c.kernel.value().toFloatArray(), settings.toString());
            assertArrayEquals(a.bias.value().toFloatArray(), c.bias.value().toFloatArray(), settings.toString());
            uninterrupted.state().forEach((k, v) -> assertArrayEquals(v.toFloatArray(), resumed.state().get(k).toFloatArray(), k));
        }
    }

    @Test
    void restoreNamesWhatIsMissingOrMisshapen() {
        Optimizer opt = AdamSettings.DEFAULTS.create(new Model(11).store.all());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> opt.restore(Map.of("dense/kernel/Momentum", Tensor.zeros(2, 3))));
        assertEquals("checkpoint lacks 6 Adam optimizer tensors, e.g. [beta1_power, beta2_power, dense/kernel/Adam]; "
                + "was it written with the adam optimizer?", missing.getMessage());
        Map<String, Tensor> wrongShape = new HashMap<>();
        opt.state().forEach((k, v) -> wrongShape.put(k, v));
        wrongShape.put("dense/bias/Adam_1", Tensor.zeros(4));
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class, () -> opt.restore(wrongShape));
        assertEquals("checkpoint tensor dense/bias/Adam_1 is FLOAT32[4], the optimizer needs FLOAT32[3]", shape.getMessage());
    }

    @Test
    void theSlotsOfAVariableListedTwiceWouldCollide() {
        Model model = new Model(12);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MomentumSettings.DEFAULTS.create(List.of(model.kernel, model.kernel)));
        assertEquals("variable dense/kernel is listed twice", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MomentumSettings.DEFAULTS.create(List.of(model.movingMean)));
    }
}

package dev.imgcls.nn.optim;

import dev.imgcls.nn.Variable;
import dev.imgcls.tensor.Autograd;
import dev.imgcls.tensor.MemoryScope;
import dev.imgcls.tensor.Tensor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * TF1's {@code tf.train.ExponentialMovingAverage(decay, num_updates=global_step)} of a model's
 * variables, as the reference's EfficientNet training keeps it: one shadow per variable (trainable
 * ones and batch-norm moving statistics alike), named {@code <variable>/ExponentialMovingAverage},
 * starting as a copy of the variable and moved after every optimizer step by
 * {@code shadow ← shadow − (1 − d)·(shadow − value)} with {@code d = min(decay, (1 + n)/(10 + n))},
 * n the number of updates so far. The arithmetic is TF's, in float32 (see {@link #effectiveDecay}).
 *
 * <p>Training keeps using the raw variables; {@link #swapIn()} puts the averages into the
 * variables for an evaluation or an export and puts the raw values back when closed. A decay of 0
 * averages nothing (each shadow would be the value itself): {@link #off()} keeps no shadows.
 *
 * <pre>{@code
 * WeightAverage average = WeightAverage.create(model.variables(), 0.9999);
 * optimizer.apply(lr);
 * average.update(step + 1);
 * try (WeightAverage.Swap averaged = average.swapIn()) {
 *     evaluate(model);
 * }
 * }</pre>
 *
 * <p>Shadows live on the device of their variable, owned by this object (no memory scope).
 */
public final class WeightAverage {
    /** The suffix TF gives a shadow's name. */
    public static final String SHADOW_SUFFIX = "/ExponentialMovingAverage";

    private static final WeightAverage OFF = new WeightAverage(0, List.of());

    private final float decay;
    private final List<Variable> variables;
    private final Tensor[] shadows;

    private WeightAverage(float decay, List<Variable> variables) {
        this.decay = decay;
        this.variables = List.copyOf(variables);
        this.shadows = new Tensor[this.variables.size()];
        for (int i = 0; i < shadows.length; i++) {
            shadows[i] = copyOf(this.variables.get(i).value());
        }
    }

    /**
     * An average of {@code variables} whose shadows start as copies of their current values.
     *
     * @param decay in [0, 1); 0 gives {@link #off()}
     */
    public static WeightAverage create(List<Variable> variables, double decay) {
        if (!(decay >= 0 && decay < 1)) {
            throw new IllegalArgumentException("the moving-average decay must be in [0, 1), got " + decay);
        }
        return decay == 0 ? OFF : new WeightAverage((float) decay, variables);
    }

    /** No averaging: no shadows, updates and swaps do nothing. */
    public static WeightAverage off() {
        return OFF;
    }

    public boolean enabled() {
        return shadows.length > 0;
    }

    /** The configured decay as TF holds it (a float32 constant); 0 when off. */
    public float decay() {
        return decay;
    }

    /** The shadow name of a variable name. */
    public static String shadowName(String variableName) {
        return variableName + SHADOW_SUFFIX;
    }

    /**
     * TF's decay for the update after {@code numUpdates} steps, computed as its graph does in
     * float32: {@code min(decay, (1 + n) / (10 + n))} with n cast to float.
     */
    public static float effectiveDecay(float decay, long numUpdates) {
        float n = (float) numUpdates;
        return Math.min(decay, (1f + n) / (10f + n));
    }

    /**
     * Moves every shadow towards its variable's current value, after the optimizer step (and the
     * moving-statistics update) that made {@code numUpdates} updates in all (TF's
     * {@code num_updates}: the global step the step's train op left, read after it).
     */
    @SuppressWarnings("try") // the scopes work by being open
    public void update(long numUpdates) {
        if (!enabled()) {
            return;
        }
        // TF's assign_moving_average: shadow -= (shadow - value) * (1 - d), each in float32.
        double oneMinusDecay = 1f - effectiveDecay(decay, numUpdates);
        try (Autograd.Scope noGrad = Autograd.noGrad(); MemoryScope temporaries = MemoryScope.open()) {
            for (int i = 0; i < shadows.length; i++) {
                Tensor shadow = shadows[i];
                Tensor next = shadow.sub(shadow.sub(variables.get(i).value()).mul(oneMinusDecay));
                MemoryScope.detach(next);
                shadows[i] = next;
                shadow.release();
            }
        }
    }

    /** Every shadow under its TF name, in the variables' order; the live tensors: read or copy them before the next update. */
    public Map<String, Tensor> state() {
        Map<String, Tensor> state = new LinkedHashMap<>();
        for (int i = 0; i < shadows.length; i++) {
            state.put(shadowName(variables.get(i).name()), shadows[i]);
        }
        return Collections.unmodifiableMap(state);
    }

    /**
     * Takes the shadows out of a checkpoint's tensors (copied to the variables' devices). A
     * checkpoint with none of them (written without averaging) restarts the shadows from the
     * variables' current values.
     *
     * @return whether the shadows came from the checkpoint
     * @throws IllegalArgumentException when the checkpoint holds some shadows but not all, or one
     *         of another shape or dtype
     */
    public boolean restore(Map<String, Tensor> checkpoint) {
        if (!enabled()) {
            return false;
        }
        List<String> missing = new ArrayList<>();
        for (Variable v : variables) {
            if (!checkpoint.containsKey(shadowName(v.name()))) {
                missing.add(shadowName(v.name()));
            }
        }
        if (missing.size() == variables.size()) {
            reset();
            return false;
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("the checkpoint lacks " + missing.size() + " of the " + variables.size()
                    + " moving-average shadows, e.g. " + missing.subList(0, Math.min(3, missing.size())));
        }
        Tensor[] copies = new Tensor[shadows.length];
        for (int i = 0; i < shadows.length; i++) {
            String name = shadowName(variables.get(i).name());
            Tensor source = checkpoint.get(name);
            Tensor target = shadows[i];
            if (!source.shape().equals(target.shape()) || source.dtype() != target.dtype()) {
                throw new IllegalArgumentException("checkpoint tensor " + name + " is " + source.dtype() + source.shape()
                        + ", the moving average needs " + target.dtype() + target.shape());
            }
            copies[i] = Optimizer.copyTo(source, target);
        }
        replaceShadows(copies);
        return true;
    }

    /** Restarts every shadow from its variable's current value (after a warm start, say). */
    public void reset() {
        Tensor[] copies = new Tensor[shadows.length];
        for (int i = 0; i < shadows.length; i++) {
            copies[i] = copyOf(variables.get(i).value());
        }
        replaceShadows(copies);
    }

    /**
     * Puts the averages into the variables until the returned swap is closed, which puts the raw
     * values back exactly (the same tensors). Nothing may update the variables in between.
     */
    public Swap swapIn() {
        Tensor[] raw = new Tensor[shadows.length];
        for (int i = 0; i < shadows.length; i++) {
            Variable v = variables.get(i);
            raw[i] = v.value();
            v.assign(shadows[i]);
        }
        return new Swap(variables, raw);
    }

    /** The averages standing in for the raw values; {@link #close()} swaps back. */
    public static final class Swap implements AutoCloseable {
        private final List<Variable> variables;
        private final Tensor[] raw;
        private boolean closed;

        private Swap(List<Variable> variables, Tensor[] raw) {
            this.variables = variables;
            this.raw = raw;
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            for (int i = 0; i < raw.length; i++) {
                Variable v = variables.get(i);
                Tensor averaged = v.value(); // a view of the shadow: dropping it leaves the shadow
                v.assign(raw[i]);
                averaged.release();
                raw[i].release(); // the variable holds its own view of the raw storage now
            }
        }
    }

    private void replaceShadows(Tensor[] copies) {
        for (int i = 0; i < shadows.length; i++) {
            Tensor old = shadows[i];
            shadows[i] = copies[i];
            old.release();
        }
    }

    /** A copy of a variable's value in new storage on its device, owned by no scope. */
    @SuppressWarnings("try")
    private static Tensor copyOf(Tensor value) {
        Tensor copy;
        try (Autograd.Scope noGrad = Autograd.noGrad()) {
            copy = value.copy();
        }
        MemoryScope.detach(copy);
        return copy;
    }
}

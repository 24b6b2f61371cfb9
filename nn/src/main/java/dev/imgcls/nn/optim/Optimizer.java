package dev.imgcls.nn.optim;

import dev.imgcls.nn.Variable;
import dev.imgcls.tensor.Autograd;
import dev.imgcls.tensor.MemoryScope;
import dev.imgcls.tensor.Tensor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A TF1 optimizer over a fixed list of trainable variables. Each {@link #apply} consumes the
 * gradients that {@code backward()} left on the variables, updates variables and slots with TF1's
 * formulas, and frees every temporary (the update runs under {@link Autograd#noGrad()} inside its
 * own {@link MemoryScope}).
 *
 * <p>Slots are named as TF1 names them ({@code <var>/Momentum}, {@code <var>/Adam_1}, …), so
 * {@link #state()} can go into a checkpoint next to the variables and {@link #restore} can take a
 * whole checkpoint's tensors back. Slots live on the device the variable was on when the optimizer
 * was created: move the model first, then create the optimizer.
 *
 * <p>Ownership: the new values are written with {@link Variable#assign}, so they outlive the
 * step's memory scope with no {@code keep}. After an update the variable's previous value tensor
 * (and its gradient) is released, so device memory does not grow with the step count; do not keep
 * {@code value()} tensors of trainable variables across {@code apply}.
 */
public abstract class Optimizer {
    private final String name;
    private final List<Variable> variables;
    private final Map<String, Tensor> slots = new LinkedHashMap<>();
    private long iterations;

    /**
     * @param name TF's default optimizer name, the suffix of slot names ({@code Momentum}, {@code Adam}, {@code RMSProp})
     * @param variables the model's variables; non-trainable ones (moving statistics) are ignored
     */
    protected Optimizer(String name, List<Variable> variables) {
        this.name = name;
        List<Variable> trainable = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Variable v : variables) {
            if (!v.trainable()) {
                continue;
            }
            if (!names.add(v.name())) {
                throw new IllegalArgumentException("variable " + v.name() + " is listed twice");
            }
            trainable.add(v);
        }
        if (trainable.isEmpty()) {
            throw new IllegalArgumentException("the optimizer got no trainable variables");
        }
        this.variables = List.copyOf(trainable);
    }

    /** The TF optimizer name that suffixes slot names. */
    public final String name() {
        return name;
    }

    /** The trainable variables this optimizer updates, in the order given. */
    public final List<Variable> variables() {
        return variables;
    }

    /** How many {@link #apply} calls succeeded since creation (or since {@link #setIterations}). */
    public final long iterations() {
        return iterations;
    }

    /** Sets the counter, e.g. to the global step of a restored checkpoint. */
    public final void setIterations(long iterations) {
        if (iterations < 0) {
            throw new IllegalArgumentException("iterations must be >= 0, got " + iterations);
        }
        this.iterations = iterations;
    }

    /**
     * One update of every variable that has a gradient, with this step's learning rate. Variables
     * without a gradient (not reached by the loss) are skipped, as TF skips {@code None}
     * gradients; at least one gradient must be present.
     */
    @SuppressWarnings("try") // the scopes work by being open, not by being referenced
    public final void apply(double learningRate) {
        if (!(learningRate >= 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be a finite number >= 0, got " + learningRate);
        }
        try (Autograd.Scope noGrad = Autograd.noGrad(); MemoryScope temporaries = MemoryScope.open()) {
            beginStep(learningRate);
            boolean any = false;
            for (Variable v : variables) {
                Tensor value = v.value();
                Tensor grad = value.grad();
                if (grad == null) {
                    continue;
                }
                any = true;
                v.assign(update(v, value, grad, learningRate)); // releases the gradient too
                value.release();
            }
            if (!any) {
                throw new IllegalStateException("no variable has a gradient: call backward() on the loss before apply()");
            }
            endStep();
        }
        iterations++;
    }

    /** Called once per step before the per-variable updates (e.g. Adam's bias-corrected rate). */
    protected void beginStep(double learningRate) {
    }

    /**
     * The new value of one variable; replaces slots through {@link #setSlot}. Runs under no-grad
     * inside a memory scope: temporaries need no care.
     */
    protected abstract Tensor update(Variable variable, Tensor value, Tensor grad, double learningRate);

    /** Called once per step after all variables were updated (e.g. Adam's beta powers). */
    protected void endStep() {
    }

    // ---- slots ------------------------------------------------------------------------------

    /** TF's slot variable name: {@code <var>/<Name>} for the first slot, then {@code <var>/<Name>_1}, … */
    protected final String slotName(Variable variable, int index) {
        return variable.name() + "/" + name + (index == 0 ? "" : "_" + index);
    }

    /** Creates a slot shaped like the variable, on its device, filled with {@code initialValue}. */
    protected final void createSlot(Variable variable, int index, double initialValue) {
        Tensor like = variable.value();
        Tensor slot = Tensor.full(like.dtype(), initialValue, like.dims()).toDevice(like.device());
        MemoryScope.detach(slot);
        if (slots.put(slotName(variable, index), slot) != null) {
            throw new IllegalStateException("slot " + slotName(variable, index) + " created twice");
        }
    }

    protected final Tensor slot(Variable variable, int index) {
        return slots.get(slotName(variable, index));
    }

    /** Replaces a slot's value by a tensor computed in the current step; the old one is released. */
    protected final void setSlot(Variable variable, int index, Tensor newValue) {
        MemoryScope.detach(newValue);
        Tensor old = slots.put(slotName(variable, index), newValue);
        if (old != null && old != newValue) {
            old.release();
        }
    }

    // ---- checkpointing ----------------------------------------------------------------------

    /**
     * Every slot and non-slot variable under its TF name, in creation order. Slot tensors are the
     * live ones: read or copy them before the next {@link #apply}, never release them.
     */
    public final Map<String, Tensor> state() {
        Map<String, Tensor> all = new LinkedHashMap<>(nonSlotState());
        all.putAll(slots);
        return Collections.unmodifiableMap(all);
    }

    /**
     * Takes this optimizer's tensors out of a checkpoint's tensors (other entries, e.g. model
     * variables and {@code global_step}, are ignored). Every slot must be present with the
     * variable's shape and dtype; values are copied, so the caller may release its map afterwards.
     */
    public final void restore(Map<String, Tensor> checkpoint) {
        List<String> missing = new ArrayList<>();
        for (String key : state().keySet()) {
            if (!checkpoint.containsKey(key)) {
                missing.add(key);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("checkpoint lacks " + missing.size() + " " + name + " optimizer tensors, e.g. "
                    + missing.subList(0, Math.min(3, missing.size())) + "; was it written with the " + typeName() + " optimizer?");
        }
        Map<String, Tensor> copies = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : slots.entrySet()) {
            Tensor source = checkpoint.get(e.getKey());
            Tensor target = e.getValue();
            if (!source.shape().equals(target.shape()) || source.dtype() != target.dtype()) {
                throw new IllegalArgumentException("checkpoint tensor " + e.getKey() + " is " + source.dtype() + source.shape()
                        + ", the optimizer needs " + target.dtype() + target.shape());
            }
            copies.put(e.getKey(), copyTo(source, target));
        }
        restoreNonSlot(checkpoint);
        for (Map.Entry<String, Tensor> e : copies.entrySet()) {
            slots.put(e.getKey(), e.getValue()).release();
        }
    }

    /** A copy of {@code source} in new storage on {@code like}'s device, owned by no scope (also the moving average's). */
    @SuppressWarnings("try")
    static Tensor copyTo(Tensor source, Tensor like) {
        Tensor copy;
        try (Autograd.Scope noGrad = Autograd.noGrad()) {
            Tensor moved = source.toDevice(like.device());
            copy = moved == source ? source.copy() : moved;
        }
        MemoryScope.detach(copy);
        return copy;
    }

    /** Non-slot variables (Adam's {@code beta1_power}, {@code beta2_power}) as fresh scalar tensors. */
    protected Map<String, Tensor> nonSlotState() {
        return Map.of();
    }

    /** Reads the non-slot variables back; their presence was checked already. */
    protected void restoreNonSlot(Map<String, Tensor> checkpoint) {
    }

    /** The {@link OptimizerType#id}, for messages. */
    protected abstract String typeName();
}

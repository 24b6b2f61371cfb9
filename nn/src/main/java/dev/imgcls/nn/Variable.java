package dev.imgcls.nn;

import dev.imgcls.tensor.Autograd;
import dev.imgcls.tensor.Device;
import dev.imgcls.tensor.MemoryScope;
import dev.imgcls.tensor.Shape;
import dev.imgcls.tensor.Tensor;

/**
 * A named model variable, named exactly as in TensorFlow's reference checkpoints (for example
 * {@code conv2d_3/kernel} or {@code efficientnet-b0/blocks_2/tpu_batch_normalization_1/gamma}).
 * Trainable variables are autograd leaves; batch-norm moving statistics are not trainable and are
 * replaced by {@link #assign} after each training step.
 *
 * <p>A variable lives on one device, the CPU until {@link #moveTo} moves it: values assigned from
 * elsewhere (a checkpoint read on the host, a warm start) are copied there, so a model moved to
 * the GPU stays on it whatever is loaded into it afterwards.
 */
public final class Variable {
    /** What a variable is, which decides training, weight decay and initialisation rules. */
    public enum Role { KERNEL, BIAS, GAMMA, BETA, MOVING_MEAN, MOVING_VARIANCE }

    private final String name;
    private final Role role;
    private Tensor value;

    Variable(String name, Role role, Tensor value) {
        this.name = name;
        this.role = role;
        this.value = prepare(value);
    }

    public String name() {
        return name;
    }

    public Role role() {
        return role;
    }

    public Tensor value() {
        return value;
    }

    public Shape shape() {
        return value.shape();
    }

    public boolean trainable() {
        return role != Role.MOVING_MEAN && role != Role.MOVING_VARIANCE;
    }

    /**
     * Whether the L2 weight decay applies: the reference decays every trainable variable whose
     * name does not contain {@code batch_normalization} (so kernels and dense biases, not
     * gamma/beta; the EfficientNet {@code tpu_batch_normalization} names match too).
     */
    public boolean weightDecay() {
        return trainable() && !name.contains("batch_normalization");
    }

    /** The gradient that {@code backward()} accumulated on the current value, or null. */
    public Tensor grad() {
        return value.grad();
    }

    /** Releases the current value's gradient, so the next backward starts from zero. */
    public void zeroGrad() {
        value.zeroGrad();
    }

    /**
     * Replaces the value: the way to update a parameter (optimizer step, moving-average update,
     * checkpoint load); shape and dtype must match. A value on another device is copied to this
     * variable's device.
     *
     * <p>The variable owns what it stores: a view of {@code newValue} that no {@link MemoryScope}
     * owns, so {@code w.assign(w.value().sub(w.grad().mul(lr)))} inside a step's scope keeps the
     * new weights when the scope closes, with no {@code keep} or {@code detach}. The stored value is
     * a fresh autograd leaf; the replaced value's gradient is released (it belongs to the old
     * weights). The replaced value itself is not released, since this step's graph may still read
     * it; {@link dev.imgcls.nn.optim.Optimizer#apply} releases it, a hand-written step leaves it
     * to the garbage collector. Read {@link #value()} afresh after an assign.
     */
    public void assign(Tensor newValue) {
        if (!newValue.shape().equals(value.shape())) {
            throw new IllegalArgumentException("variable " + name + " has shape " + value.shape() + ", cannot assign " + newValue.shape());
        }
        if (newValue.dtype() != value.dtype()) {
            throw new IllegalArgumentException("variable " + name + " is " + value.dtype() + ", cannot assign " + newValue.dtype());
        }
        Tensor old = value;
        this.value = onDevice(newValue, old.device());
        old.zeroGrad();
    }

    /**
     * Moves the value to {@code device} (nothing happens when it is already there); the old
     * value is released. The optimizer's slots follow the variables' device when the optimizer is
     * created, so move a model before creating its optimizer.
     */
    @SuppressWarnings("try") // the scope frees the transfer's own handle
    public void moveTo(Device device) {
        Tensor old = value;
        if (old.device().equals(device)) {
            return;
        }
        value = onDevice(old, device);
        old.release();
    }

    public Device device() {
        return value.device();
    }

    @SuppressWarnings("try") // the scope frees the transfer's own handle
    private Tensor onDevice(Tensor t, Device device) {
        if (t.device().equals(device)) {
            return prepare(t);
        }
        try (MemoryScope transfer = MemoryScope.open()) {
            return prepare(t.toDevice(device)); // prepare's detached view keeps the copy alive
        }
    }

    private Tensor prepare(Tensor t) {
        Tensor v;
        try (Autograd.Scope ng = Autograd.noGrad()) {
            v = t.detach();
        }
        MemoryScope.detach(v);
        return trainable() ? v.requiresGrad(true) : v;
    }

    @Override
    public String toString() {
        return name + " " + value.shape() + (trainable() ? "" : " (non-trainable)");
    }
}

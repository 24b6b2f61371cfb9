package dev.imgcls.tensor;

import dev.imgcls.tensor.profile.FlopRule;
import dev.imgcls.tensor.profile.OpKind;
import dev.imgcls.tensor.profile.OpProfiler;
import dev.imgcls.tensor.spi.Backend;
import dev.imgcls.tensor.spi.Kernel;

import java.util.Objects;

/**
 * One op of the engine, defined in one place: its name, its shape rule (output shapes and dtypes
 * from input specs and attributes), and its backward rule (input gradients from output gradients,
 * written with other ops). Backends register kernels against the definition.
 *
 * <p>A "view" op (reshape) produces an output that shares its first input's storage: no kernel
 * runs.
 *
 * <p>What other places used to look up by op name is declared here too: the profile
 * {@link #kind()} ({@link #profiledAs}) and, for dense math, the {@link #flopRule()}
 * ({@link #countingFlops}). Tests check that every registered op has what it needs.
 *
 * @param <A> the attribute record of the op ({@link NoAttrs} when it has none)
 */
public final class OpDef<A> {

    /** Output specs from input specs; throws IllegalArgumentException with a specific message on bad input. */
    @FunctionalInterface
    public interface ShapeRule<A> {
        TensorSpec[] outputs(A attrs, TensorSpec[] inputs);
    }

    /**
     * Input gradients from output gradients. {@code gradOutputs[i]} is null when no gradient flows
     * into output i. {@code needsGrad[i]} says whether input i needs a gradient: a rule may skip
     * computing one nobody wants (e.g. the input gradient of a network's first convolution, whose
     * input is the image) and return null there. Returns one entry per input; null where the input
     * gets no gradient (integer inputs, or inputs the op is not differentiable in). Runs with
     * gradient recording off.
     */
    @FunctionalInterface
    public interface BackwardRule<A> {
        Tensor[] grads(A attrs, Tensor[] inputs, Tensor[] outputs, Tensor[] gradOutputs, boolean[] needsGrad);
    }

    private final String name;
    private final int arity;
    private final ShapeRule<A> shapeRule;
    private final BackwardRule<A> backwardRule;
    private final boolean view;
    private final OpKind kind;
    private final FlopRule<A> flopRule;

    private OpDef(String name, int arity, ShapeRule<A> shapeRule, BackwardRule<A> backwardRule, boolean view,
            OpKind kind, FlopRule<A> flopRule) {
        this.name = name;
        this.arity = arity;
        this.shapeRule = shapeRule;
        this.backwardRule = backwardRule;
        this.view = view;
        this.kind = kind;
        this.flopRule = flopRule;
    }

    private OpDef(String name, int arity, ShapeRule<A> shapeRule, BackwardRule<A> backwardRule, boolean view) {
        this(name, arity, shapeRule, backwardRule, view, null, null);
    }

    /** A differentiable op with {@code arity} inputs (-1 = any number). */
    public static <A> OpDef<A> of(String name, int arity, ShapeRule<A> shape, BackwardRule<A> backward) {
        return new OpDef<>(name, arity, shape, Objects.requireNonNull(backward), false);
    }

    /** An op without gradient (integer outputs, gradient helpers, random draws). */
    public static <A> OpDef<A> nonDifferentiable(String name, int arity, ShapeRule<A> shape) {
        return new OpDef<>(name, arity, shape, null, false);
    }

    /** An op whose single output shares the storage of input 0. */
    public static <A> OpDef<A> view(String name, ShapeRule<A> shape, BackwardRule<A> backward) {
        return new OpDef<>(name, 1, shape, backward, true);
    }

    /** This op grouped under {@code kind} in profiles; every registered op declares one. */
    public OpDef<A> profiledAs(OpKind kind) {
        return new OpDef<>(name, arity, shapeRule, backwardRule, view, Objects.requireNonNull(kind), flopRule);
    }

    /** This op with FLOPs counted by {@code rule}; required for the kinds that {@link OpKind#countsFlops()}. */
    public OpDef<A> countingFlops(FlopRule<A> rule) {
        return new OpDef<>(name, arity, shapeRule, backwardRule, view, kind, Objects.requireNonNull(rule));
    }

    public String name() {
        return name;
    }

    /** The profile kind, or null for an op that has not declared one (a test rejects that). */
    public OpKind kind() {
        return kind;
    }

    /** How FLOPs are counted, or null for ops whose FLOPs are not counted. */
    public FlopRule<A> flopRule() {
        return flopRule;
    }

    public boolean isDifferentiable() {
        return backwardRule != null;
    }

    public boolean isView() {
        return view;
    }

    public TensorSpec[] inferOutputs(A attrs, TensorSpec... inputs) {
        return shapeRule.outputs(attrs, inputs);
    }

    BackwardRule<A> backwardRule() {
        return backwardRule;
    }

    /** Runs the op eagerly on the inputs' device and records it for autograd when needed. */
    public Tensor[] apply(A attrs, Tensor... inputs) {
        if (arity >= 0 && inputs.length != arity) {
            throw new IllegalArgumentException(name + " takes " + arity + " inputs, got " + inputs.length);
        }
        if (inputs.length == 0) {
            throw new IllegalArgumentException(name + " needs at least one input");
        }
        Device device = inputs[0].device();
        TensorSpec[] inSpecs = new TensorSpec[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            if (!inputs[i].device().equals(device)) {
                throw new IllegalArgumentException(name + ": input " + i + " is on " + inputs[i].device() + ", input 0 on " + device);
            }
            inSpecs[i] = inputs[i].spec();
        }
        TensorSpec[] outSpecs;
        try {
            outSpecs = shapeRule.outputs(attrs, inSpecs);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
        Backend backend = Backends.forDevice(device);
        Tensor[] outputs = new Tensor[outSpecs.length];
        if (view) {
            inputs[0].storage().retain();
            outputs[0] = Tensor.fromStorage(outSpecs[0].shape(), inputs[0].storage());
        } else {
            Kernel<A> kernel = backend.kernel(this);
            if (kernel == null) {
                throw new UnsupportedOperationException("backend '" + backend.name() + "' has no kernel for op '" + name + "'");
            }
            OpProfiler.Session profiling = OpProfiler.session();
            long allocationStart = profiling == null ? 0 : System.nanoTime();
            for (int i = 0; i < outSpecs.length; i++) {
                outputs[i] = Tensor.fromStorage(outSpecs[i].shape(), backend.allocate(outSpecs[i].dtype(), outSpecs[i].shape().numel()));
            }
            if (profiling != null) {
                profiling.allocated(outSpecs, System.nanoTime() - allocationStart);
            }
            if (profiling == null) {
                kernel.run(attrs, inputs, outputs);
            } else {
                long start = profiling.enter();
                try {
                    kernel.run(attrs, inputs, outputs);
                } finally {
                    profiling.exit(this, attrs, inputs, start);
                }
            }
        }
        if (backwardRule != null && Autograd.isRecording()) {
            Autograd.record(this, attrs, inputs, outputs);
        }
        return outputs;
    }

    /** {@link #apply} for single-output ops. */
    public Tensor apply1(A attrs, Tensor... inputs) {
        return apply(attrs, inputs)[0];
    }

    @Override
    public String toString() {
        return name;
    }
}

package dev.imgcls.tensor;

import dev.imgcls.tensor.ops.ElementwiseOps;
import dev.imgcls.tensor.ops.LinalgOps;
import dev.imgcls.tensor.ops.ReduceOps;
import dev.imgcls.tensor.ops.ShapeOps;
import dev.imgcls.tensor.spi.HostStorage;
import dev.imgcls.tensor.spi.Storage;

import java.util.Arrays;

/**
 * An n-dimensional array with a shape, a dtype and a device, and, for autograd, an optional
 * gradient. Tensors are immutable values as far as ops are concerned: every op returns new
 * tensors. Data is row-major and contiguous; image activations are NHWC, conv kernels HWIO.
 *
 * <pre>{@code
 * Tensor w = Tensor.randomNormal(new Generator(1), 0, 0.1, 3, 2).requiresGrad(true);
 * Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
 * Tensor loss = x.matmul(w).relu().sum();
 * loss.backward();
 * float[] dw = w.grad().toFloatArray();
 * }</pre>
 */
public final class Tensor {
    private final Shape shape;
    private final DType dtype;
    private Storage storage;
    private MemoryScope owner;

    private boolean requiresGrad;
    private Tensor grad;
    private Autograd.Node gradFn;
    private int gradFnOutput;

    private Tensor(Shape shape, Storage storage) {
        if (storage.size() != shape.numel()) {
            throw new IllegalArgumentException("storage of " + storage.size() + " elements for shape " + shape);
        }
        this.shape = shape;
        this.dtype = storage.dtype();
        this.storage = storage;
        MemoryScope.register(this);
    }

    /** A tensor over a backend storage; for backends and ops. The tensor takes over one reference. */
    public static Tensor fromStorage(Shape shape, Storage storage) {
        return new Tensor(shape, storage);
    }

    // ---- creation ---------------------------------------------------------------------------

    public static Tensor of(float[] data, int... shape) {
        return onCpu(Shape.of(shape), HostStorage.wrap(data.clone()));
    }

    public static Tensor of(double[] data, int... shape) {
        return onCpu(Shape.of(shape), HostStorage.wrap(data.clone()));
    }

    public static Tensor ofInts(int[] data, int... shape) {
        return onCpu(Shape.of(shape), HostStorage.wrap(data.clone()));
    }

    public static Tensor ofLongs(long[] data, int... shape) {
        return onCpu(Shape.of(shape), HostStorage.wrap(data.clone()));
    }

    public static Tensor ofBytes(byte[] data, int... shape) {
        return onCpu(Shape.of(shape), HostStorage.wrap(data.clone()));
    }

    public static Tensor scalar(float value) {
        return of(new float[] {value});
    }

    public static Tensor scalar(DType dtype, double value) {
        return full(dtype, value);
    }

    public static Tensor zeros(DType dtype, int... shape) {
        return onCpu(Shape.of(shape), HostStorage.allocate(dtype, Shape.of(shape).numel()));
    }

    public static Tensor zeros(int... shape) {
        return zeros(DType.FLOAT32, shape);
    }

    public static Tensor ones(int... shape) {
        return full(DType.FLOAT32, 1.0, shape);
    }

    public static Tensor full(DType dtype, double value, int... shape) {
        HostStorage s = HostStorage.allocate(dtype, Shape.of(shape).numel());
        for (int i = 0; i < s.size(); i++) {
            s.setDouble(i, value);
        }
        return onCpu(Shape.of(shape), s);
    }

    /** Normal(mean, std) float32 values from a seeded generator. */
    public static Tensor randomNormal(Generator gen, double mean, double std, int... shape) {
        float[] a = new float[Shape.of(shape).numel()];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) (mean + std * gen.nextGaussian());
        }
        return onCpu(Shape.of(shape), HostStorage.wrap(a));
    }

    /** Uniform [lo, hi) float32 values from a seeded generator. */
    public static Tensor randomUniform(Generator gen, double lo, double hi, int... shape) {
        float[] a = new float[Shape.of(shape).numel()];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) (lo + (hi - lo) * gen.nextFloat());
        }
        return onCpu(Shape.of(shape), HostStorage.wrap(a));
    }

    /** Normal(mean, std) truncated at two standard deviations (re-drawn), as TF's truncated_normal. */
    public static Tensor truncatedNormal(Generator gen, double mean, double std, int... shape) {
        float[] a = new float[Shape.of(shape).numel()];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) (mean + std * gen.nextTruncatedGaussian());
        }
        return onCpu(Shape.of(shape), HostStorage.wrap(a));
    }

    private static Tensor onCpu(Shape shape, HostStorage host) {
        return new Tensor(shape, Backends.forDevice(Device.CPU).upload(host));
    }

    // ---- properties ---------------------------------------------------------------------------

    public Shape shape() {
        return shape;
    }

    public int[] dims() {
        return shape.dims();
    }

    public int dim(int axis) {
        return shape.dim(axis);
    }

    public int rank() {
        return shape.rank();
    }

    public int numel() {
        return shape.numel();
    }

    public DType dtype() {
        return dtype;
    }

    public Device device() {
        return storage().device();
    }

    public TensorSpec spec() {
        return new TensorSpec(shape, dtype);
    }

    /** The backend buffer; for kernels. Throws if the tensor was released. */
    public Storage storage() {
        if (storage == null || storage.isReleased()) {
            throw new IllegalStateException("tensor " + shape + " " + dtype
                    + " was released (its memory scope closed); keep() tensors that must outlive a scope");
        }
        return storage;
    }

    /** The host storage of a CPU tensor; for CPU kernels. */
    public HostStorage host() {
        return (HostStorage) storage();
    }

    public boolean sharesStorageWith(Tensor other) {
        return storage == other.storage;
    }

    // ---- reading back -----------------------------------------------------------------------

    private HostStorage hostCopy() {
        Storage s = storage();
        return s instanceof HostStorage h ? h : Backends.forDevice(device()).download(s);
    }

    public float[] toFloatArray() {
        HostStorage h = hostCopy();
        if (dtype == DType.FLOAT32) {
            return h.floats().clone();
        }
        float[] out = new float[numel()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) h.getDouble(i);
        }
        return out;
    }

    public double[] toDoubleArray() {
        HostStorage h = hostCopy();
        double[] out = new double[numel()];
        for (int i = 0; i < out.length; i++) {
            out[i] = h.getDouble(i);
        }
        return out;
    }

    public int[] toIntArray() {
        HostStorage h = hostCopy();
        int[] out = new int[numel()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (int) h.getLong(i);
        }
        return out;
    }

    public long[] toLongArray() {
        HostStorage h = hostCopy();
        long[] out = new long[numel()];
        for (int i = 0; i < out.length; i++) {
            out[i] = h.getLong(i);
        }
        return out;
    }

    /** The single value of a one-element tensor. */
    public double item() {
        if (numel() != 1) {
            throw new IllegalStateException("item() on a tensor of shape " + shape);
        }
        return hostCopy().getDouble(0);
    }

    /**
     * This tensor on {@code target}: the tensor itself when it is already there (so moving a CPU
     * tensor to the CPU costs nothing), else a copy uploaded through the target device's backend,
     * or downloaded to the host when the target is the CPU. The copy is cut from the graph.
     */
    public Tensor toDevice(Device target) {
        Device here = device();
        if (here.equals(target)) {
            return this;
        }
        HostStorage host = hostCopy();
        return new Tensor(shape, target.kind() == Device.Kind.CPU ? host : Backends.forDevice(target).upload(host));
    }

    // ---- autograd -----------------------------------------------------------------------------

    /** Marks a leaf as needing its gradient; returns this. */
    public Tensor requiresGrad(boolean flag) {
        if (flag && !dtype.isFloating()) {
            throw new IllegalArgumentException("only floating tensors can require gradients, this is " + dtype);
        }
        if (gradFn != null && !flag) {
            throw new IllegalStateException("cannot clear requiresGrad on a non-leaf tensor; use detach()");
        }
        this.requiresGrad = flag;
        return this;
    }

    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** Accumulated gradient of a leaf, or null before any backward. */
    public Tensor grad() {
        return grad;
    }

    public void zeroGrad() {
        if (grad != null) {
            grad.release();
        }
        grad = null;
    }

    void setGrad(Tensor g) {
        this.grad = g;
    }

    public boolean isLeaf() {
        return gradFn == null;
    }

    Autograd.Node gradFn() {
        return gradFn;
    }

    void setGradFn(Autograd.Node node, int outputIndex) {
        this.gradFn = node;
        this.gradFnOutput = outputIndex;
        this.requiresGrad = true;
    }

    /** Which output of its producing op this tensor is. */
    int gradFnOutput() {
        return gradFnOutput;
    }

    /** Backpropagates from this scalar; see {@link Autograd} for accumulation semantics. */
    public void backward() {
        Autograd.backward(this, null, false);
    }

    /** Backpropagates with an explicit gradient of the same shape as this tensor. */
    public void backward(Tensor seed) {
        Autograd.backward(this, seed, false);
    }

    /**
     * {@link #backward()} for training loops: each forward tensor of the graph that a memory scope
     * owns is released as soon as the backward pass is past it, so its memory serves the rest of
     * the pass (it halves a step's peak memory). This tensor stays readable; reading any other
     * tensor of the graph afterwards throws, so read losses and metrics first.
     */
    public void backwardReleasingGraph() {
        Autograd.backward(this, null, true);
    }

    /** The same data, cut from the graph (shares storage). */
    public Tensor detach() {
        storage().retain();
        return new Tensor(shape, storage);
    }

    // ---- memory -------------------------------------------------------------------------------

    MemoryScope owner() {
        return owner;
    }

    void setOwner(MemoryScope s) {
        this.owner = s;
    }

    /** Drops this tensor's reference to its storage; further use throws. */
    public void release() {
        if (storage != null) {
            Storage s = storage;
            storage = null;
            s.release();
        }
    }

    public boolean isReleased() {
        return storage == null || storage.isReleased();
    }

    // ---- common ops (the full set is in dev.imgcls.tensor.ops) --------------------------------

    public Tensor add(Tensor o) {
        return ElementwiseOps.add(this, o);
    }

    public Tensor sub(Tensor o) {
        return ElementwiseOps.sub(this, o);
    }

    public Tensor mul(Tensor o) {
        return ElementwiseOps.mul(this, o);
    }

    public Tensor div(Tensor o) {
        return ElementwiseOps.div(this, o);
    }

    public Tensor add(double c) {
        return ElementwiseOps.add(this, Tensor.scalarLike(this, c));
    }

    public Tensor mul(double c) {
        return ElementwiseOps.mul(this, Tensor.scalarLike(this, c));
    }

    public Tensor neg() {
        return ElementwiseOps.neg(this);
    }

    public Tensor relu() {
        return ElementwiseOps.relu(this);
    }

    public Tensor sum(int... axes) {
        return ReduceOps.sum(this, false, axes);
    }

    public Tensor mean(int... axes) {
        return ReduceOps.mean(this, false, axes);
    }

    public Tensor matmul(Tensor o) {
        return LinalgOps.matmul(this, o, false, false);
    }

    public Tensor reshape(int... dims) {
        return ShapeOps.reshape(this, dims);
    }

    /** A copy in new storage (through the graph: the gradient passes unchanged). */
    public Tensor copy() {
        return ElementwiseOps.identity(this);
    }

    /** A one-element tensor of this tensor's dtype and device holding c, for broadcasting. */
    public static Tensor scalarLike(Tensor like, double c) {
        if (like.device().kind() == Device.Kind.CPU) {
            return full(like.dtype(), c);
        }
        return DeviceConstants.scalar(like.device(), like.dtype(), c); // uploaded once, shared: never release it
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Tensor").append(shape).append(' ').append(dtype);
        if (!isReleased() && device().kind() == Device.Kind.CPU) {
            double[] v = toDoubleArray();
            sb.append(' ').append(Arrays.toString(Arrays.copyOf(v, Math.min(v.length, 8))));
            if (v.length > 8) {
                sb.setLength(sb.length() - 1);
                sb.append(", ...]");
            }
        }
        return sb.toString();
    }
}

package dev.imgcls.tensor;

import dev.imgcls.tensor.ops.ElementwiseOps;
import dev.imgcls.tensor.ops.LinalgOps;
import dev.imgcls.tensor.ops.ReduceOps;
import dev.imgcls.tensor.ops.ShapeOps;
import dev.imgcls.tensor.spi.HostStorage;
import dev.imgcls.tensor.spi.Storage;
import dev.imgcls.tensor.spi.TensorAccess;

import java.util.Arrays;

/**
 * An n-dimensional array with a shape, a dtype and a device, and, for autograd, an optional
 * gradient. Tensors are immutable values as far as ops are concerned: every op returns new
 * tensors. Data is row-major and contiguous; image activations are NHWC, conv kernels HWIO.
 * Not thread-safe: a tensor and its graph are used by one thread at a time. Backends reach a
 * tensor's storage through {@link dev.imgcls.tensor.spi.TensorAccess}, not through this class.
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

    static {
        // Backends reach the storage through TensorAccess, so it stays off this class's public surface.
        TensorAccess.install(new TensorAccess.Bridge() {
            @Override
            public Storage storage(Tensor t) {
                return t.storage();
            }

            @Override
            public Tensor fromStorage(Shape shape, Storage storage) {
                return Tensor.fromStorage(shape, storage);
            }
        });
    }

    /** A tensor over a backend storage, taking over one reference; for ops in this package. */
    static Tensor fromStorage(Shape shape, Storage storage) {
        return new Tensor(shape, storage);
    }

    // ---- creation ---------------------------------------------------------------------------

    /**
     * A float32 CPU tensor holding a copy of {@code data} in row-major order.
     * <pre>{@code Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3); // [[1,2,3],[4,5,6]]}</pre>
     */
    public static Tensor of(float[] data, int... shape) {
        return onCpu(Shape.of(shape), HostStorage.wrap(data.clone()));
    }

    /**
     * A float64 CPU tensor holding a copy of {@code data} (for double-precision checks).
     * <pre>{@code Tensor x = Tensor.of(new double[] {0.5, 1.5}, 2);}</pre>
     */
    public static Tensor of(double[] data, int... shape) {
        return onCpu(Shape.of(shape), HostStorage.wrap(data.clone()));
    }

    /**
     * An int32 CPU tensor holding a copy of {@code data}, e.g. class labels.
     * <pre>{@code Tensor labels = Tensor.ofInts(new int[] {3, 0, 7}, 3);}</pre>
     */
    public static Tensor ofInts(int[] data, int... shape) {
        return onCpu(Shape.of(shape), HostStorage.wrap(data.clone()));
    }

    /**
     * An int64 CPU tensor holding a copy of {@code data}.
     * <pre>{@code Tensor labels = Tensor.ofLongs(new long[] {3, 0, 7}, 3);}</pre>
     */
    public static Tensor ofLongs(long[] data, int... shape) {
        return onCpu(Shape.of(shape), HostStorage.wrap(data.clone()));
    }

    /**
     * A uint8 CPU tensor holding a copy of {@code data}; bytes read as 0..255.
     * <pre>{@code Tensor pixels = Tensor.ofBytes(new byte[] {0, (byte) 255}, 1, 1, 1, 2);}</pre>
     */
    public static Tensor ofBytes(byte[] data, int... shape) {
        return onCpu(Shape.of(shape), HostStorage.wrap(data.clone()));
    }

    /**
     * A float32 rank-0 tensor holding {@code value}.
     * <pre>{@code Tensor half = Tensor.scalar(0.5f);}</pre>
     */
    public static Tensor scalar(float value) {
        return of(new float[] {value});
    }

    /**
     * A rank-0 tensor of {@code dtype} holding {@code value}.
     * <pre>{@code Tensor seven = Tensor.scalar(DType.INT32, 7);}</pre>
     */
    public static Tensor scalar(DType dtype, double value) {
        return full(dtype, value);
    }

    /**
     * A zero-filled CPU tensor of {@code dtype}.
     * <pre>{@code Tensor counts = Tensor.zeros(DType.INT64, 10);}</pre>
     */
    public static Tensor zeros(DType dtype, int... shape) {
        return onCpu(Shape.of(shape), HostStorage.allocate(dtype, Shape.of(shape).numel()));
    }

    /**
     * A zero-filled float32 CPU tensor.
     * <pre>{@code Tensor bias = Tensor.zeros(64);}</pre>
     */
    public static Tensor zeros(int... shape) {
        return zeros(DType.FLOAT32, shape);
    }

    /**
     * A float32 CPU tensor of ones.
     * <pre>{@code Tensor gamma = Tensor.ones(64);}</pre>
     */
    public static Tensor ones(int... shape) {
        return full(DType.FLOAT32, 1.0, shape);
    }

    /**
     * A CPU tensor of {@code dtype} with every element {@code value} (converted to the dtype).
     * <pre>{@code Tensor sevens = Tensor.full(DType.FLOAT32, 7, 2, 2);}</pre>
     */
    public static Tensor full(DType dtype, double value, int... shape) {
        HostStorage s = HostStorage.allocate(dtype, Shape.of(shape).numel());
        for (int i = 0; i < s.size(); i++) {
            s.setDouble(i, value);
        }
        return onCpu(Shape.of(shape), s);
    }

    /**
     * Float32 Normal(mean, std) values drawn from a seeded generator (same seed, same tensor).
     * <pre>{@code Tensor w = Tensor.randomNormal(new Generator(1), 0, 0.1, 3, 3, 16, 32);}</pre>
     */
    public static Tensor randomNormal(Generator gen, double mean, double std, int... shape) {
        float[] a = new float[Shape.of(shape).numel()];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) (mean + std * gen.nextGaussian());
        }
        return onCpu(Shape.of(shape), HostStorage.wrap(a));
    }

    /**
     * Float32 uniform [lo, hi) values drawn from a seeded generator.
     * <pre>{@code Tensor w = Tensor.randomUniform(new Generator(1), -0.05, 0.05, 128, 10);}</pre>
     */
    public static Tensor randomUniform(Generator gen, double lo, double hi, int... shape) {
        float[] a = new float[Shape.of(shape).numel()];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) (lo + (hi - lo) * gen.nextFloat());
        }
        return onCpu(Shape.of(shape), HostStorage.wrap(a));
    }

    /**
     * Normal(mean, std) truncated at two standard deviations (values beyond are re-drawn), as TF's
     * {@code truncated_normal}.
     * <pre>{@code Tensor w = Tensor.truncatedNormal(new Generator(1), 0, 0.02, 1280, 1000);}</pre>
     */
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

    /**
     * The tensor's shape.
     * <pre>{@code Shape s = Tensor.zeros(2, 3).shape(); // [2, 3]}</pre>
     */
    public Shape shape() {
        return shape;
    }

    /**
     * The dimensions as a fresh array.
     * <pre>{@code int[] d = images.dims(); // {n, h, w, c} for an NHWC batch}</pre>
     */
    public int[] dims() {
        return shape.dims();
    }

    /**
     * The size of one axis; negative axes count from the end.
     * <pre>{@code int channels = images.dim(-1);}</pre>
     */
    public int dim(int axis) {
        return shape.dim(axis);
    }

    /**
     * The number of axes (0 for a scalar).
     * <pre>{@code int r = Tensor.zeros(2, 3).rank(); // 2}</pre>
     */
    public int rank() {
        return shape.rank();
    }

    /**
     * The number of elements, the product of the dimensions.
     * <pre>{@code int n = Tensor.zeros(2, 3).numel(); // 6}</pre>
     */
    public int numel() {
        return shape.numel();
    }

    /**
     * The element type.
     * <pre>{@code boolean f = x.dtype().isFloating();}</pre>
     */
    public DType dtype() {
        return dtype;
    }

    /**
     * The device whose memory holds the data; throws if the tensor was released.
     * <pre>{@code boolean onCpu = x.device().equals(Device.CPU);}</pre>
     */
    public Device device() {
        return storage().device();
    }

    /**
     * Shape and dtype together, as op shape rules see them.
     * <pre>{@code TensorSpec s = x.spec();}</pre>
     */
    public TensorSpec spec() {
        return new TensorSpec(shape, dtype);
    }

    /** The backend buffer; throws if the tensor was released. Backends use {@link TensorAccess#storage}. */
    Storage storage() {
        if (storage == null || storage.isReleased()) {
            throw new IllegalStateException("tensor " + shape + " " + dtype
                    + " was released (its memory scope closed); keep() tensors that must outlive a scope");
        }
        return storage;
    }

    /**
     * Whether both tensors are views of the same buffer (reshape and detach share; ops copy).
     * <pre>{@code boolean view = x.reshape(6).sharesStorageWith(x); // true}</pre>
     */
    public boolean sharesStorageWith(Tensor other) {
        return storage == other.storage;
    }

    // ---- reading back -----------------------------------------------------------------------

    private HostStorage hostCopy() {
        Storage s = storage();
        return s instanceof HostStorage h ? h : Backends.forDevice(device()).download(s);
    }

    /**
     * A copy of the elements as floats, row-major, downloaded from the device if needed.
     * <pre>{@code float[] v = x.toFloatArray();}</pre>
     */
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

    /**
     * A copy of the elements as doubles, row-major, downloaded from the device if needed.
     * <pre>{@code double[] v = x.toDoubleArray();}</pre>
     */
    public double[] toDoubleArray() {
        HostStorage h = hostCopy();
        double[] out = new double[numel()];
        for (int i = 0; i < out.length; i++) {
            out[i] = h.getDouble(i);
        }
        return out;
    }

    /**
     * A copy of the elements as ints (floating values truncated), downloaded if needed.
     * <pre>{@code int[] predicted = ShapeOps.argmax(logits, -1).toIntArray();}</pre>
     */
    public int[] toIntArray() {
        HostStorage h = hostCopy();
        int[] out = new int[numel()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (int) h.getLong(i);
        }
        return out;
    }

    /**
     * A copy of the elements as longs (floating values truncated), downloaded if needed.
     * <pre>{@code long[] v = Tensor.ofLongs(new long[] {1, 2}, 2).toLongArray();}</pre>
     */
    public long[] toLongArray() {
        HostStorage h = hostCopy();
        long[] out = new long[numel()];
        for (int i = 0; i < out.length; i++) {
            out[i] = h.getLong(i);
        }
        return out;
    }

    /**
     * The single value of a one-element tensor; throws for any other size.
     * <pre>{@code double loss = x.mul(x).mean().item();}</pre>
     */
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
     * <pre>{@code Tensor onGpu = x.toDevice(Device.cuda(0));}</pre>
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

    /**
     * Marks a floating leaf as needing its gradient (so {@link #backward()} fills {@link #grad()}); returns this.
     * <pre>{@code Tensor w = Tensor.zeros(3, 2).requiresGrad(true);}</pre>
     */
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

    /**
     * Whether backward computes a gradient for this tensor (a marked leaf or an op result that depends on one).
     * <pre>{@code boolean tracked = w.mul(2.0).requiresGrad(); // true when w requires it}</pre>
     */
    public boolean requiresGrad() {
        return requiresGrad;
    }

    /**
     * The gradient accumulated into this leaf by backward calls, or null before any.
     * <pre>{@code float[] dw = w.grad().toFloatArray();}</pre>
     */
    public Tensor grad() {
        return grad;
    }

    /**
     * Releases and clears the accumulated gradient, so the next backward starts from zero.
     * <pre>{@code w.zeroGrad();}</pre>
     */
    public void zeroGrad() {
        if (grad != null) {
            grad.release();
        }
        grad = null;
    }

    void setGrad(Tensor g) {
        this.grad = g;
    }

    /**
     * Whether no recorded op produced this tensor (inputs, parameters, detached values).
     * <pre>{@code boolean leaf = w.isLeaf(); // true; w.mul(2.0).isLeaf() is false when w requires grad}</pre>
     */
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

    /**
     * Backpropagates from this one-element tensor, adding into the gradient of every leaf that
     * requires one; see {@link Autograd} for accumulation.
     * <pre>{@code x.matmul(w).sum().backward();}</pre>
     */
    public void backward() {
        Autograd.backward(this, null, false);
    }

    /**
     * Backpropagates with an explicit gradient {@code seed} of this tensor's shape.
     * <pre>{@code y.backward(Tensor.ones(y.dims()));}</pre>
     */
    public void backward(Tensor seed) {
        Autograd.backward(this, seed, false);
    }

    /**
     * {@link #backward()} for training loops: each forward tensor of the graph that a memory scope
     * owns is released as soon as the backward pass is past it, so its memory serves the rest of
     * the pass (it halves a step's peak memory). This tensor stays readable; reading any other
     * tensor of the graph afterwards throws, so read losses and metrics first.
     * <pre>{@code double value = loss.item(); loss.backwardReleasingGraph();}</pre>
     */
    public void backwardReleasingGraph() {
        Autograd.backward(this, null, true);
    }

    /**
     * The same data cut from the graph: a new leaf sharing this tensor's storage.
     * <pre>{@code Tensor frozen = features.detach();}</pre>
     */
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

    /**
     * Drops this tensor's reference to its storage (freed with the last one); further use throws.
     * <pre>{@code temp.release();}</pre>
     */
    public void release() {
        if (storage != null) {
            Storage s = storage;
            storage = null;
            s.release();
        }
    }

    /**
     * Whether this tensor's storage was released (by {@link #release()} or its memory scope).
     * <pre>{@code if (!x.isReleased()) { use(x); }}</pre>
     */
    public boolean isReleased() {
        return storage == null || storage.isReleased();
    }

    // ---- common ops (the full set is in dev.imgcls.tensor.ops) --------------------------------

    /**
     * Elementwise sum, broadcasting; see {@link ElementwiseOps#add}.
     * <pre>{@code Tensor y = x.add(bias);}</pre>
     */
    public Tensor add(Tensor o) {
        return ElementwiseOps.add(this, o);
    }

    /**
     * Elementwise difference, broadcasting; see {@link ElementwiseOps#sub}.
     * <pre>{@code Tensor centred = x.sub(x.mean(0));}</pre>
     */
    public Tensor sub(Tensor o) {
        return ElementwiseOps.sub(this, o);
    }

    /**
     * Elementwise product, broadcasting; see {@link ElementwiseOps#mul}.
     * <pre>{@code Tensor masked = x.mul(mask);}</pre>
     */
    public Tensor mul(Tensor o) {
        return ElementwiseOps.mul(this, o);
    }

    /**
     * Elementwise quotient, broadcasting; see {@link ElementwiseOps#div}.
     * <pre>{@code Tensor ratio = a.div(b);}</pre>
     */
    public Tensor div(Tensor o) {
        return ElementwiseOps.div(this, o);
    }

    /**
     * Adds a constant of this tensor's dtype to every element.
     * <pre>{@code Tensor shifted = x.add(1.0);}</pre>
     */
    public Tensor add(double c) {
        return ElementwiseOps.add(this, Tensor.scalarLike(this, c));
    }

    /**
     * Multiplies every element by a constant of this tensor's dtype.
     * <pre>{@code Tensor scaled = grad.mul(-0.01);}</pre>
     */
    public Tensor mul(double c) {
        return ElementwiseOps.mul(this, Tensor.scalarLike(this, c));
    }

    /**
     * Elementwise negation.
     * <pre>{@code Tensor minusX = x.neg();}</pre>
     */
    public Tensor neg() {
        return ElementwiseOps.neg(this);
    }

    /**
     * Elementwise max(x, 0); see {@link ElementwiseOps#relu}.
     * <pre>{@code Tensor h = x.matmul(w).relu();}</pre>
     */
    public Tensor relu() {
        return ElementwiseOps.relu(this);
    }

    /**
     * Sum over {@code axes} (all axes when none are given), dropping them.
     * <pre>{@code Tensor perRow = Tensor.ones(2, 3).sum(1); // [3, 3]}</pre>
     */
    public Tensor sum(int... axes) {
        return ReduceOps.sum(this, false, axes);
    }

    /**
     * Mean over {@code axes} (all axes when none are given), dropping them.
     * <pre>{@code Tensor perChannel = images.mean(0, 1, 2); // NHWC -> [c]}</pre>
     */
    public Tensor mean(int... axes) {
        return ReduceOps.mean(this, false, axes);
    }

    /**
     * Matrix product of two rank-2 tensors {@code [m, k] x [k, n] -> [m, n]}; see {@link LinalgOps#matmul}.
     * <pre>{@code Tensor logits = features.matmul(w);}</pre>
     */
    public Tensor matmul(Tensor o) {
        return LinalgOps.matmul(this, o, false, false);
    }

    /**
     * The same elements in a new shape (a view: no copy); one dimension may be -1 to be inferred.
     * <pre>{@code Tensor flat = images.reshape(images.dim(0), -1);}</pre>
     */
    public Tensor reshape(int... dims) {
        return ShapeOps.reshape(this, dims);
    }

    /**
     * A copy in new storage (through the graph: the gradient passes unchanged).
     * <pre>{@code Tensor snapshot = x.copy();}</pre>
     */
    public Tensor copy() {
        return ElementwiseOps.identity(this);
    }

    /**
     * A one-element tensor of {@code like}'s dtype and device holding {@code c}, for broadcasting
     * (on a device it is a shared cached constant: never release it).
     * <pre>{@code Tensor eps = Tensor.scalarLike(variance, 1e-3);}</pre>
     */
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

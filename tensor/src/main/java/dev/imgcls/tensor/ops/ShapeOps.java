package dev.imgcls.tensor.ops;

import dev.imgcls.tensor.DType;
import dev.imgcls.tensor.OpDef;
import dev.imgcls.tensor.Shape;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.TensorSpec;
import dev.imgcls.tensor.profile.OpKind;

import java.util.Arrays;

/**
 * Ops that move or select data, with TensorFlow's semantics: reshape (a view), transpose, pad,
 * concat, slice, argmax, top_k, one_hot and cast. They accept every dtype where that makes sense
 * (labels and pixels are INT32/INT64/UINT8); gradients flow through floating tensors only.
 */
public final class ShapeOps {
    private ShapeOps() {
    }

    /** New dimensions; one may be -1 (inferred). */
    public record ReshapeAttrs(int[] dims) {
        public ReshapeAttrs {
            dims = dims.clone();
        }

        Shape resolve(Shape in) {
            int[] d = dims.clone();
            int infer = -1;
            long known = 1;
            for (int i = 0; i < d.length; i++) {
                if (d[i] == -1) {
                    if (infer >= 0) {
                        throw new IllegalArgumentException("more than one -1 in " + Arrays.toString(dims));
                    }
                    infer = i;
                } else {
                    known *= d[i];
                }
            }
            if (infer >= 0) {
                if (known == 0 || in.numel() % known != 0) {
                    throw new IllegalArgumentException("cannot reshape " + in + " to " + Arrays.toString(dims));
                }
                d[infer] = (int) (in.numel() / known);
            }
            Shape out = Shape.of(d);
            if (out.numel() != in.numel()) {
                throw new IllegalArgumentException("cannot reshape " + in + " (" + in.numel() + " elements) to " + out);
            }
            return out;
        }
    }

    public static final OpDef<ReshapeAttrs> RESHAPE = OpDef.<ReshapeAttrs>view("reshape",
            (a, in) -> Specs.one(new TensorSpec(a.resolve(in[0].shape()), in[0].dtype())),
            (a, in, out, g, needsGrad) -> new Tensor[] {reshape(g[0], in[0].shape().dims())})
            .profiledAs(OpKind.DATA_MOVEMENT);

    /**
     * The same elements in a new shape, as a view (no copy); one dimension may be -1 (inferred).
     * <pre>{@code Tensor flat = ShapeOps.reshape(images, images.dim(0), -1);}</pre>
     */
    public static Tensor reshape(Tensor x, int... dims) {
        return RESHAPE.apply1(new ReshapeAttrs(dims), x);
    }

    // ---- transpose -----------------------------------------------------------------------------

    /** Output axis i is input axis perm[i]. */
    public record TransposeAttrs(int[] perm) {
        public TransposeAttrs {
            perm = perm.clone();
        }

        /** Checks perm against the input rank and returns the output shape. */
        public Shape outputShape(Shape in) {
            if (perm.length != in.rank()) {
                throw new IllegalArgumentException("permutation " + Arrays.toString(perm) + " has " + perm.length
                        + " entries for input " + in + " of rank " + in.rank());
            }
            boolean[] seen = new boolean[perm.length];
            int[] out = new int[perm.length];
            for (int i = 0; i < perm.length; i++) {
                int p = perm[i];
                if (p < 0 || p >= perm.length || seen[p]) {
                    throw new IllegalArgumentException(Arrays.toString(perm) + " is not a permutation of 0.." + (perm.length - 1));
                }
                seen[p] = true;
                out[i] = in.dim(p);
            }
            return Shape.of(out);
        }

        /** The permutation that undoes this one. */
        public int[] inverse() {
            int[] inv = new int[perm.length];
            for (int i = 0; i < perm.length; i++) {
                inv[perm[i]] = i;
            }
            return inv;
        }
    }

    public static final OpDef<TransposeAttrs> TRANSPOSE = OpDef.<TransposeAttrs>of("transpose", 1,
            (a, in) -> Specs.one(new TensorSpec(a.outputShape(in[0].shape()), in[0].dtype())),
            (a, in, out, g, needsGrad) -> new Tensor[] {transpose(g[0], a.inverse())})
            .profiledAs(OpKind.DATA_MOVEMENT);

    // ---- pad -----------------------------------------------------------------------------------

    /** Per-axis counts of elements added before and after, all set to {@code value}. */
    public record PadAttrs(int[] before, int[] after, double value) {
        public PadAttrs {
            if (before.length != after.length) {
                throw new IllegalArgumentException("pad: " + before.length + " 'before' counts but " + after.length + " 'after' counts");
            }
            for (int i = 0; i < before.length; i++) {
                if (before[i] < 0 || after[i] < 0) {
                    throw new IllegalArgumentException("pad: negative padding " + before[i] + "/" + after[i] + " on axis " + i);
                }
            }
            before = before.clone();
            after = after.clone();
        }

        public Shape outputShape(Shape in) {
            if (before.length != in.rank()) {
                throw new IllegalArgumentException("padding for " + before.length + " axes given for input " + in + " of rank " + in.rank());
            }
            int[] out = in.dims();
            for (int i = 0; i < out.length; i++) {
                out[i] += before[i] + after[i];
            }
            return Shape.of(out);
        }
    }

    public static final OpDef<PadAttrs> PAD = OpDef.<PadAttrs>of("pad", 1,
            (a, in) -> Specs.one(new TensorSpec(a.outputShape(in[0].shape()), in[0].dtype())),
            (a, in, out, g, needsGrad) -> new Tensor[] {slice(g[0], a.before(), in[0].shape().dims())})
            .profiledAs(OpKind.DATA_MOVEMENT);

    // ---- slice ---------------------------------------------------------------------------------

    /** Start index and length per axis; a length of -1 means "to the end of the axis". */
    public record SliceAttrs(int[] begin, int[] size) {
        public SliceAttrs {
            if (begin.length != size.length) {
                throw new IllegalArgumentException("slice: " + begin.length + " begin indices but " + size.length + " sizes");
            }
            begin = begin.clone();
            size = size.clone();
        }

        /** The lengths with -1 resolved; checks the box lies inside the input. */
        public int[] resolveSize(Shape in) {
            if (begin.length != in.rank()) {
                throw new IllegalArgumentException("begin " + Arrays.toString(begin) + " has " + begin.length
                        + " entries for input " + in + " of rank " + in.rank());
            }
            int[] out = new int[begin.length];
            for (int i = 0; i < out.length; i++) {
                int dim = in.dim(i);
                if (begin[i] < 0 || begin[i] > dim) {
                    throw new IllegalArgumentException("begin " + begin[i] + " on axis " + i + " is outside [0, " + dim + "] of input " + in);
                }
                if (size[i] < -1) {
                    throw new IllegalArgumentException("size " + size[i] + " on axis " + i + " must be >= 0, or -1 for 'to the end'");
                }
                out[i] = size[i] == -1 ? dim - begin[i] : size[i];
                if (begin[i] + out[i] > dim) {
                    throw new IllegalArgumentException("size " + size[i] + " from " + begin[i] + " on axis " + i
                            + " runs past the end (" + dim + ") of input " + in);
                }
            }
            return out;
        }
    }

    public static final OpDef<SliceAttrs> SLICE = OpDef.<SliceAttrs>of("slice", 1,
            (a, in) -> Specs.one(new TensorSpec(Shape.of(a.resolveSize(in[0].shape())), in[0].dtype())),
            (a, in, out, g, needsGrad) -> {
                int[] dims = in[0].shape().dims();
                int[] size = out[0].shape().dims();
                int[] after = new int[dims.length];
                for (int i = 0; i < dims.length; i++) {
                    after[i] = dims[i] - a.begin()[i] - size[i];
                }
                return new Tensor[] {pad(g[0], a.begin(), after, 0)};
            })
            .profiledAs(OpKind.DATA_MOVEMENT);

    // ---- concat --------------------------------------------------------------------------------

    /** The axis ops work along (may be negative: -1 = last). */
    public record AxisAttrs(int axis) {
    }

    public static final OpDef<AxisAttrs> CONCAT = OpDef.<AxisAttrs>of("concat", -1,
            (a, in) -> {
                Shape first = in[0].shape();
                if (first.rank() == 0) {
                    throw new IllegalArgumentException("cannot concatenate scalars");
                }
                int axis = first.normalizeAxis(a.axis());
                int[] out = first.dims();
                out[axis] = 0;
                for (int i = 0; i < in.length; i++) {
                    Shape s = in[i].shape();
                    if (in[i].dtype() != in[0].dtype()) {
                        throw new IllegalArgumentException("input " + i + " is " + in[i].dtype() + ", input 0 is " + in[0].dtype());
                    }
                    boolean compatible = s.rank() == first.rank();
                    for (int d = 0; compatible && d < s.rank(); d++) {
                        compatible = d == axis || s.dim(d) == first.dim(d);
                    }
                    if (!compatible) {
                        throw new IllegalArgumentException("input " + i + " " + s + " does not match input 0 " + first
                                + " outside axis " + axis);
                    }
                    out[axis] += s.dim(axis);
                }
                return Specs.one(new TensorSpec(Shape.of(out), in[0].dtype()));
            },
            (a, in, out, g, needsGrad) -> {
                int axis = in[0].shape().normalizeAxis(a.axis());
                Tensor[] grads = new Tensor[in.length];
                int offset = 0;
                for (int i = 0; i < in.length; i++) {
                    int[] begin = new int[in[i].rank()];
                    begin[axis] = offset;
                    grads[i] = slice(g[0], begin, in[i].shape().dims());
                    offset += in[i].shape().dim(axis);
                }
                return grads;
            })
            .profiledAs(OpKind.DATA_MOVEMENT);

    // ---- selection: argmax, top_k, one_hot -----------------------------------------------------

    /**
     * Index (INT64) of the largest element along an axis, the first one on ties, as tf.argmax.
     * Floating values compare numerically with −0 equal to +0 and NaN above +∞.
     */
    public static final OpDef<AxisAttrs> ARGMAX = OpDef.<AxisAttrs>nonDifferentiable("argmax", 1,
            (a, in) -> {
                Shape s = in[0].shape();
                if (s.rank() == 0) {
                    throw new IllegalArgumentException("argmax of a scalar: the input needs an axis");
                }
                int axis = s.normalizeAxis(a.axis());
                if (s.dim(axis) == 0) {
                    throw new IllegalArgumentException("argmax over axis " + axis + " of " + s + ", which is empty");
                }
                return Specs.one(new TensorSpec(removeAxis(s, axis), DType.INT64));
            })
            .profiledAs(OpKind.OTHER);

    /** How many of the largest elements top_k keeps. */
    public record TopKAttrs(int k) {
        public TopKAttrs {
            if (k < 0) {
                throw new IllegalArgumentException("top_k: k must be >= 0, got " + k);
            }
        }
    }

    /**
     * The k largest entries along the last axis, as tf.math.top_k(sorted=True): output 0 the
     * values (input dtype) in descending order, output 1 their INT32 indices; equal values keep
     * the lower index first. Ordering of floats as in {@link #ARGMAX}. The values' gradient goes
     * back to the positions they came from.
     */
    public static final OpDef<TopKAttrs> TOP_K = OpDef.<TopKAttrs>of("top_k", 1,
            (a, in) -> {
                Shape s = in[0].shape();
                if (s.rank() == 0) {
                    throw new IllegalArgumentException("top_k of a scalar: the input needs at least one axis");
                }
                if (s.dim(-1) < a.k()) {
                    throw new IllegalArgumentException("k = " + a.k() + " but input " + s + " has only " + s.dim(-1) + " entries on its last axis");
                }
                int[] out = s.dims();
                out[out.length - 1] = a.k();
                return new TensorSpec[] {new TensorSpec(Shape.of(out), in[0].dtype()), new TensorSpec(Shape.of(out), DType.INT32)};
            },
            (a, in, out, g, needsGrad) -> new Tensor[] {g[0] == null ? null
                    : ShapeOps.TOP_K_GRAD.apply1(new TopKGradAttrs(in[0].shape().dim(-1)), g[0], out[1])})
            .profiledAs(OpKind.OTHER);

    /** The length of the last axis of top_k's input. */
    public record TopKGradAttrs(int n) {
    }

    /** top_k_grad(g, indices): g scattered along the last axis to the given indices, zeros elsewhere. */
    public static final OpDef<TopKGradAttrs> TOP_K_GRAD = OpDef.<TopKGradAttrs>nonDifferentiable("top_k_grad", 2,
            (a, in) -> {
                Specs.requireFloating(in[0], "gradient");
                if (in[1].dtype() != DType.INT32) {
                    throw new IllegalArgumentException("indices must be INT32, got " + in[1].dtype());
                }
                if (!in[0].shape().equals(in[1].shape()) || in[0].shape().rank() == 0 || in[0].shape().dim(-1) > a.n()) {
                    throw new IllegalArgumentException("gradient " + in[0].shape() + " and indices " + in[1].shape()
                            + " must have one shape [..., k] with k <= " + a.n());
                }
                int[] out = in[0].shape().dims();
                out[out.length - 1] = a.n();
                return Specs.one(new TensorSpec(Shape.of(out), in[0].dtype()));
            })
            .profiledAs(OpKind.OTHER);

    /** Length of the new last axis, the values written at the index and elsewhere, the output dtype. */
    public record OneHotAttrs(int depth, double on, double off, DType dtype) {
        public OneHotAttrs {
            if (depth < 0) {
                throw new IllegalArgumentException("one_hot: depth must be >= 0, got " + depth);
            }
        }
    }

    /**
     * INT32/INT64 indices {@code [...]} → {@code [..., depth]}: {@code on} at the index, {@code off}
     * elsewhere; an index outside [0, depth) gives a row of {@code off}, as tf.one_hot.
     */
    public static final OpDef<OneHotAttrs> ONE_HOT = OpDef.<OneHotAttrs>nonDifferentiable("one_hot", 1,
            (a, in) -> {
                Specs.requireInteger(in[0], "indices");
                int[] d = Arrays.copyOf(in[0].shape().dims(), in[0].shape().rank() + 1);
                d[d.length - 1] = a.depth();
                return Specs.one(new TensorSpec(Shape.of(d), a.dtype()));
            })
            .profiledAs(OpKind.OTHER);

    // ---- cast ----------------------------------------------------------------------------------

    /** The dtype to convert to. */
    public record CastAttrs(DType dtype) {
    }

    /**
     * Converts between any two dtypes as TF's Cast: floating → integer truncates toward zero;
     * integer → narrower integer and anything → UINT8 wrap modulo 2^bits (C++ static_cast).
     * Floating values outside an integer type's range (and NaN) follow Java's saturating rule,
     * where TF's result is platform-defined. Differentiable between floating types only: the
     * gradient is cast back to the input's dtype.
     */
    public static final OpDef<CastAttrs> CAST = OpDef.<CastAttrs>of("cast", 1,
            (a, in) -> Specs.one(new TensorSpec(in[0].shape(), a.dtype())),
            (a, in, out, g, needsGrad) -> new Tensor[] {in[0].dtype().isFloating() && a.dtype().isFloating() ? cast(g[0], in[0].dtype()) : null})
            .profiledAs(OpKind.DATA_MOVEMENT);

    // ---- convenience functions -----------------------------------------------------------------

    /**
     * Permutes the axes: output axis i is input axis {@code perm[i]}.
     * <pre>{@code Tensor nchw = ShapeOps.transpose(nhwc, 0, 3, 1, 2);}</pre>
     */
    public static Tensor transpose(Tensor x, int... perm) {
        return TRANSPOSE.apply1(new TransposeAttrs(perm), x);
    }

    /**
     * Pads with {@code value}: before[i] elements ahead of axis i, after[i] behind it.
     * <pre>{@code Tensor padded = ShapeOps.pad(x, new int[] {0, 1, 1, 0}, new int[] {0, 1, 1, 0}, 0); // NHWC, 1 px}</pre>
     */
    public static Tensor pad(Tensor x, int[] before, int[] after, double value) {
        return PAD.apply1(new PadAttrs(before, after, value), x);
    }

    /**
     * Elements begin[i] .. begin[i]+size[i]-1 of each axis; size -1 = to the end.
     * <pre>{@code Tensor firstTwo = ShapeOps.slice(x, new int[] {0, 0}, new int[] {2, -1});}</pre>
     */
    public static Tensor slice(Tensor x, int[] begin, int[] size) {
        return SLICE.apply1(new SliceAttrs(begin, size), x);
    }

    /**
     * Joins tensors along {@code axis} (negative counts from the end); the other dimensions must agree.
     * <pre>{@code Tensor both = ShapeOps.concat(-1, left, right); // channels of two NHWC maps}</pre>
     */
    public static Tensor concat(int axis, Tensor... xs) {
        return CONCAT.apply1(new AxisAttrs(axis), xs);
    }

    /**
     * INT64 index of the largest element along {@code axis} (the first on ties), as tf.argmax.
     * <pre>{@code long[] predicted = ShapeOps.argmax(logits, -1).toLongArray();}</pre>
     */
    public static Tensor argmax(Tensor x, int axis) {
        return ARGMAX.apply1(new AxisAttrs(axis), x);
    }

    /**
     * {values, INT32 indices} of the k largest entries of the last axis, in descending order.
     * <pre>{@code int[] top5 = ShapeOps.topK(logits, 5)[1].toIntArray();}</pre>
     */
    public static Tensor[] topK(Tensor x, int k) {
        return TOP_K.apply(new TopKAttrs(k), x);
    }

    /**
     * FLOAT32 one-hot rows of 1 at the index and 0 elsewhere; integer {@code indices [...]} give {@code [..., depth]}.
     * <pre>{@code Tensor targets = ShapeOps.oneHot(Tensor.ofInts(new int[] {2, 0}, 2), 3); // [[0,0,1],[1,0,0]]}</pre>
     */
    public static Tensor oneHot(Tensor indices, int depth) {
        return oneHot(indices, depth, 1, 0, DType.FLOAT32);
    }

    /**
     * Rows of {@code on} at the index and {@code off} elsewhere, of {@code dtype}; out-of-range indices give all {@code off}.
     * <pre>{@code Tensor smoothed = ShapeOps.oneHot(labels, 10, 0.91, 0.01, DType.FLOAT32);}</pre>
     */
    public static Tensor oneHot(Tensor indices, int depth, double on, double off, DType dtype) {
        return ONE_HOT.apply1(new OneHotAttrs(depth, on, off, dtype), indices);
    }

    /**
     * Converts to {@code dtype} with TF's Cast rules (see {@link #CAST}).
     * <pre>{@code Tensor pixels = ShapeOps.cast(Tensor.ofBytes(new byte[] {0, (byte) 255}, 2), DType.FLOAT32); // [0, 255]}</pre>
     */
    public static Tensor cast(Tensor x, DType dtype) {
        return CAST.apply1(new CastAttrs(dtype), x);
    }

    private static Shape removeAxis(Shape s, int axis) {
        int[] d = new int[s.rank() - 1];
        for (int i = 0, j = 0; i < s.rank(); i++) {
            if (i != axis) {
                d[j++] = s.dim(i);
            }
        }
        return Shape.of(d);
    }
}

package dev.imgcls.tensor.ops;

import dev.imgcls.tensor.OpDef;
import dev.imgcls.tensor.Shape;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.TensorSpec;
import dev.imgcls.tensor.profile.OpKind;

import java.util.Arrays;

/** Reductions over axes and their inverse, broadcasting. */
public final class ReduceOps {
    private ReduceOps() {
    }

    /** Axes to reduce (normalised, sorted, distinct; empty = all) and whether to keep them as size 1. */
    public record ReduceAttrs(int[] axes, boolean keepDims) {
        public ReduceAttrs {
            axes = axes.clone();
        }

        /** The normalised axes for an input of this shape. */
        public int[] resolve(Shape shape) {
            if (axes.length == 0) {
                int[] all = new int[shape.rank()];
                Arrays.setAll(all, i -> i);
                return all;
            }
            int[] r = new int[axes.length];
            for (int i = 0; i < axes.length; i++) {
                r[i] = shape.normalizeAxis(axes[i]);
            }
            Arrays.sort(r);
            for (int i = 1; i < r.length; i++) {
                if (r[i] == r[i - 1]) {
                    throw new IllegalArgumentException("axis " + r[i] + " listed twice");
                }
            }
            return r;
        }

        /** Whether axis is reduced, and the output shape. */
        public Shape outputShape(Shape in) {
            int[] reduced = resolve(in);
            int[] dims = in.dims();
            int[] out = new int[keepDims ? dims.length : dims.length - reduced.length];
            for (int i = 0, j = 0; i < dims.length; i++) {
                boolean r = Arrays.binarySearch(reduced, i) >= 0;
                if (keepDims) {
                    out[j++] = r ? 1 : dims[i];
                } else if (!r) {
                    out[j++] = dims[i];
                }
            }
            return Shape.of(out);
        }
    }

    /** Target shape of a broadcast. */
    public record BroadcastAttrs(Shape shape) {
    }

    private static TensorSpec[] reduceShape(ReduceAttrs a, TensorSpec[] in) {
        Specs.requireFloating(in[0], "input");
        return Specs.one(new TensorSpec(a.outputShape(in[0].shape()), in[0].dtype()));
    }

    public static final OpDef<ReduceAttrs> SUM = OpDef.<ReduceAttrs>of("sum", 1, ReduceOps::reduceShape,
            (a, in, out, g, needsGrad) -> new Tensor[] {broadcastTo(keepDimsShape(g[0], a, in[0].shape()), in[0].shape())})
            .profiledAs(OpKind.REDUCTION);

    /**
     * Maximum over axes (−∞ over an empty axis; NaN propagates). The gradient is shared equally
     * among the elements equal to the maximum, as TF's reduce_max gradient does.
     */
    public static final OpDef<ReduceAttrs> MAX = OpDef.<ReduceAttrs>of("max", 1, ReduceOps::reduceShape,
            (a, in, out, g, needsGrad) -> new Tensor[] {ReduceOps.MAX_GRAD.apply1(a, in[0], out[0], g[0])})
            .profiledAs(OpKind.REDUCTION);

    /**
     * max_grad(x, y, g) with y = max(x) and g its gradient (both of the reduced shape): g/count
     * at every element of x equal to its maximum, where count is how many are; 0 elsewhere.
     */
    public static final OpDef<ReduceAttrs> MAX_GRAD = OpDef.<ReduceAttrs>nonDifferentiable("max_grad", 3,
            (a, in) -> {
                Specs.requireFloating(in[0], "input");
                Specs.requireSameDType(in[0], in[1]);
                Specs.requireSameDType(in[0], in[2]);
                Shape reduced = a.outputShape(in[0].shape());
                if (!in[1].shape().equals(reduced) || !in[2].shape().equals(reduced)) {
                    throw new IllegalArgumentException("maximum " + in[1].shape() + " and gradient " + in[2].shape()
                            + " must have the reduced shape " + reduced + " of input " + in[0].shape());
                }
                return Specs.one(in[0]);
            })
            .profiledAs(OpKind.REDUCTION);

    /** Broadcasts (NumPy rules) to a larger shape; backward sums back. */
    public static final OpDef<BroadcastAttrs> BROADCAST_TO = OpDef.<BroadcastAttrs>of("broadcast_to", 1,
            (a, in) -> {
                if (!Shape.broadcast(in[0].shape(), a.shape()).equals(a.shape())) {
                    throw new IllegalArgumentException("cannot broadcast " + in[0].shape() + " to " + a.shape());
                }
                return Specs.one(new TensorSpec(a.shape(), in[0].dtype()));
            },
            (a, in, out, g, needsGrad) -> new Tensor[] {sumTo(g[0], in[0].shape())})
            .profiledAs(OpKind.DATA_MOVEMENT);

    /**
     * Sum over {@code axes} (all when none given; negative counts from the end), keeping them as
     * size 1 when {@code keepDims}.
     * <pre>{@code Tensor rowSums = ReduceOps.sum(x, true, -1); // [n, c] -> [n, 1]}</pre>
     */
    public static Tensor sum(Tensor x, boolean keepDims, int... axes) {
        return SUM.apply1(new ReduceAttrs(axes, keepDims), x);
    }

    /**
     * Maximum over {@code axes} (all when none given), keeping them as size 1 when {@code keepDims}.
     * <pre>{@code Tensor rowMax = ReduceOps.max(logits, false, 1);}</pre>
     */
    public static Tensor max(Tensor x, boolean keepDims, int... axes) {
        return MAX.apply1(new ReduceAttrs(axes, keepDims), x);
    }

    /**
     * Mean over {@code axes} (all when none given), keeping them as size 1 when {@code keepDims}.
     * <pre>{@code Tensor loss = ReduceOps.mean(perExample, false);}</pre>
     */
    public static Tensor mean(Tensor x, boolean keepDims, int... axes) {
        ReduceAttrs attrs = new ReduceAttrs(axes, keepDims);
        int count = x.numel() / Math.max(1, attrs.outputShape(x.shape()).numel());
        return sum(x, keepDims, axes).mul(1.0 / count);
    }

    /**
     * {@code x} broadcast NumPy-style to {@code shape} ({@code x} itself when the shape is already that).
     * <pre>{@code Tensor b = ReduceOps.broadcastTo(Tensor.ones(3), Shape.of(2, 3));}</pre>
     */
    public static Tensor broadcastTo(Tensor x, Shape shape) {
        if (x.shape().equals(shape)) {
            return x;
        }
        return BROADCAST_TO.apply1(new BroadcastAttrs(shape), x);
    }

    /**
     * Sums a broadcast gradient back to {@code shape} (the inverse of broadcasting to g's shape).
     * <pre>{@code Tensor db = ReduceOps.sumTo(g, bias.shape()); // g [n, c] -> [c]}</pre>
     */
    public static Tensor sumTo(Tensor g, Shape shape) {
        if (g.shape().equals(shape)) {
            return g;
        }
        int lead = g.rank() - shape.rank();
        int[] axes = new int[g.rank()];
        int n = 0;
        for (int i = 0; i < g.rank(); i++) {
            if (i < lead || (shape.dim(i - lead) == 1 && g.dim(i) != 1)) {
                axes[n++] = i;
            }
        }
        Tensor s = sum(g, true, Arrays.copyOf(axes, n));
        return s.shape().equals(shape) ? s : ShapeOps.reshape(s, shape.dims());
    }

    /** The reduced gradient reshaped so it broadcasts against the reduction's input. */
    private static Tensor keepDimsShape(Tensor g, ReduceAttrs a, Shape inShape) {
        Shape kept = new ReduceAttrs(a.axes(), true).outputShape(inShape);
        return g.shape().equals(kept) ? g : ShapeOps.reshape(g, kept.dims());
    }
}

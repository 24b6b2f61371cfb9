package dev.imgcls.export.savedmodel;

import dev.imgcls.export.savedmodel.graph.TfOps;
import dev.imgcls.export.savedmodel.graph.TfOutput;
import dev.imgcls.export.savedmodel.graph.Tensors;
import dev.imgcls.export.savedmodel.trace.TraceValue;
import dev.imgcls.tensor.OpDef;
import dev.imgcls.tensor.Shape;
import dev.imgcls.tensor.ops.ConvOps;
import dev.imgcls.tensor.ops.ConvOps.Conv2dAttrs;
import dev.imgcls.tensor.ops.ElementwiseOps;
import dev.imgcls.tensor.ops.LinalgOps;
import dev.imgcls.tensor.ops.NormOps;
import dev.imgcls.tensor.ops.NormOps.BatchNormAttrs;
import dev.imgcls.tensor.ops.Padding;
import dev.imgcls.tensor.ops.PoolOps;
import dev.imgcls.tensor.ops.PoolOps.PoolAttrs;
import dev.imgcls.tensor.ops.ReduceOps;
import dev.imgcls.tensor.ops.ReduceOps.ReduceAttrs;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The TensorFlow translation of each engine op a model's forward pass may use (tf-formats.md
 * §6.3), keyed by the op's OpDef: tensor cannot depend on export, so the translation is attached
 * here rather than on the op. OpTranslationCoverageTest fails when a model uses an op without one.
 */
final class OpTranslations {
    private static final Map<OpDef<?>, OpTranslation<?>> BY_OP = new IdentityHashMap<>();

    static {
        binary(ElementwiseOps.ADD, "AddV2");
        binary(ElementwiseOps.SUB, "Sub");
        binary(ElementwiseOps.MUL, "Mul");
        binary(ElementwiseOps.DIV, "RealDiv");
        unary(ElementwiseOps.IDENTITY, "Identity", "output");
        unary(ElementwiseOps.NEG, "Neg", "y");
        unary(ElementwiseOps.RELU, "Relu", "activations");
        unary(ElementwiseOps.SIGMOID, "Sigmoid", "y");
        unary(ElementwiseOps.TANH, "Tanh", "y");
        unary(ElementwiseOps.EXP, "Exp", "y");
        unary(ElementwiseOps.LOG, "Log", "y");
        unary(ElementwiseOps.SQRT, "Sqrt", "y");
        unary(ElementwiseOps.RSQRT, "Rsqrt", "y");
        unary(ElementwiseOps.SQUARE, "Square", "y");
        put(ElementwiseOps.SWISH, (e, a, in) -> {
            TfOutput x = e.value(in.get(0));
            return e.net().binary("Mul", x, e.net().unary("Sigmoid", "y", x));
        });
        put(LinalgOps.BIAS_ADD, (e, a, in) -> e.net().biasAdd(e.value(in.get(0)), e.value(in.get(1))));
        put(LinalgOps.MATMUL, (e, a, in) -> e.net().matMul(e.value(in.get(0)), e.value(in.get(1)), a.transposeA(), a.transposeB()));
        put(ConvOps.CONV2D, (e, a, in) -> conv(e, a, in.get(0), in.get(1)));
        put(NormOps.BATCH_NORM_INFER, OpTranslations::batchNorm);
        put(PoolOps.MAX_POOL, (e, a, in) -> pool(e, true, a, in.get(0)));
        put(PoolOps.AVG_POOL, (e, a, in) -> pool(e, false, a, in.get(0)));
        put(ReduceOps.SUM, (e, a, in) -> reduce(e, "Sum", a, in.get(0)));
        put(ReduceOps.MAX, (e, a, in) -> reduce(e, "Max", a, in.get(0)));
    }

    private OpTranslations() {
    }

    /** The translation of {@code op}, or null when it has none. */
    @SuppressWarnings("unchecked")
    static OpTranslation<Object> of(OpDef<?> op) {
        return (OpTranslation<Object>) BY_OP.get(op);
    }

    /** Every op that has a translation. */
    static Set<OpDef<?>> ops() {
        return Collections.unmodifiableSet(BY_OP.keySet());
    }

    private static <A> void put(OpDef<A> op, OpTranslation<A> translation) {
        if (BY_OP.put(op, translation) != null) {
            throw new IllegalStateException("two translations for " + op);
        }
    }

    private static <A> void binary(OpDef<A> op, String tfOp) {
        put(op, (e, a, in) -> e.net().binary(tfOp, e.value(in.get(0)), e.value(in.get(1))));
    }

    private static <A> void unary(OpDef<A> op, String tfOp, String outputArg) {
        put(op, (e, a, in) -> e.net().unary(tfOp, outputArg, e.value(in.get(0))));
    }

    private static TfOutput conv(NetworkEmitter e, Conv2dAttrs a, TraceValue xv, TraceValue wv) {
        Shape w = wv.shape();
        int cin = xv.shape().dim(3);
        TfOutput x = e.value(xv);
        String padding;
        switch (a.padding().kind()) {
            case SAME -> padding = "SAME";
            case VALID -> padding = "VALID";
            default -> {
                // The reference's fixed_padding: an explicit Pad, then a VALID convolution.
                x = padSpatial(e.net(), x, a.padding());
                padding = "VALID";
            }
        }
        if (a.groups() == 1) {
            return e.net().conv2d(x, e.valueAs(wv, w), a.strideH(), a.strideW(), padding);
        }
        if (a.groups() == cin && w.dim(2) == 1) {
            // Engine depthwise filters are [kh, kw, 1, cin·m]; TF's [kh, kw, cin, m] is the same memory.
            Shape tfShape = Shape.of(w.dim(0), w.dim(1), cin, w.dim(3) / cin);
            return e.net().depthwiseConv2d(x, e.valueAs(wv, tfShape), a.strideH(), a.strideW(), padding);
        }
        throw new IllegalArgumentException("grouped convolution with " + a.groups() + " groups over " + cin
                + " channels has no TensorFlow translation (only groups 1 and depthwise)");
    }

    private static TfOutput padSpatial(TfOps net, TfOutput x, Padding p) {
        if (p.top() == 0 && p.bottom() == 0 && p.left() == 0 && p.right() == 0) {
            return x;
        }
        TfOutput paddings = net.constant("paddings", Tensors.ints(new int[] {0, 0, p.top(), p.bottom(), p.left(), p.right(), 0, 0}, 4, 2));
        return net.pad(x, paddings);
    }

    private static TfOutput batchNorm(NetworkEmitter e, BatchNormAttrs a, List<TraceValue> in) {
        TfOps net = e.net();
        TfOutput x = e.value(in.get(0));
        TfOutput gamma = e.value(in.get(1));
        TfOutput beta = e.value(in.get(2));
        TfOutput mean = e.value(in.get(3));
        TfOutput variance = e.value(in.get(4));
        if (in.get(0).shape().rank() == 4) {
            return net.fusedBatchNorm(x, gamma, beta, mean, variance, (float) a.epsilon());
        }
        // FusedBatchNormV3 wants 4-D input; [N, C] takes the same arithmetic as its CPU kernel.
        TfOutput scale = net.binary("Mul", net.unary("Rsqrt", "y", net.binary("AddV2", variance, net.scalarFloat("epsilon", (float) a.epsilon()))), gamma);
        return net.binary("AddV2", net.binary("Mul", net.binary("Sub", x, mean), scale), beta);
    }

    private static TfOutput pool(NetworkEmitter e, boolean max, PoolAttrs a, TraceValue xv) {
        TfOps net = e.net();
        TfOutput x = e.value(xv);
        Padding p = a.padding();
        return switch (p.kind()) {
            case SAME, VALID -> max ? net.maxPool(x, a.kernelH(), a.kernelW(), a.strideH(), a.strideW(), p.kind().name(), null)
                    : net.avgPool(x, a.kernelH(), a.kernelW(), a.strideH(), a.strideW(), p.kind().name());
            case EXPLICIT -> {
                if (!max) {
                    throw new IllegalArgumentException("average pooling with explicit padding " + p + " has no TensorFlow translation");
                }
                yield net.maxPool(x, a.kernelH(), a.kernelW(), a.strideH(), a.strideW(), "EXPLICIT",
                        new long[] {0, 0, p.top(), p.bottom(), p.left(), p.right(), 0, 0});
            }
        };
    }

    private static TfOutput reduce(NetworkEmitter e, String tfOp, ReduceAttrs a, TraceValue xv) {
        int[] axes = a.resolve(xv.shape());
        if (axes.length > 0 && axes[0] == 0 && !(xv instanceof TraceValue.VariableValue) && !(xv instanceof TraceValue.Literal)) {
            throw new IllegalArgumentException("the model reduces over the batch axis of " + xv.shape() + "; served batches would mix images");
        }
        return e.net().reduce(tfOp, e.value(xv), e.net().constInts("axes", axes), a.keepDims());
    }
}

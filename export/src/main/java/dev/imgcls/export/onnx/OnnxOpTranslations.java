package dev.imgcls.export.onnx;

import dev.imgcls.export.savedmodel.trace.TraceValue;
import dev.imgcls.tensor.OpDef;
import dev.imgcls.tensor.Shape;
import dev.imgcls.tensor.ops.ConvOps;
import dev.imgcls.tensor.ops.ConvOps.Conv2dAttrs;
import dev.imgcls.tensor.ops.ElementwiseOps;
import dev.imgcls.tensor.ops.LinalgOps;
import dev.imgcls.tensor.ops.LinalgOps.MatmulAttrs;
import dev.imgcls.tensor.ops.NormOps;
import dev.imgcls.tensor.ops.NormOps.BatchNormAttrs;
import dev.imgcls.tensor.ops.Padding;
import dev.imgcls.tensor.ops.PoolOps;
import dev.imgcls.tensor.ops.PoolOps.PoolAttrs;
import dev.imgcls.tensor.ops.ReduceOps;
import dev.imgcls.tensor.ops.ReduceOps.ReduceAttrs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.imgcls.export.onnx.OnnxGraph.integer;
import static dev.imgcls.export.onnx.OnnxGraph.ints;

/**
 * The ONNX (opset {@value OnnxModelBuilder#OPSET}) translation of each engine op a model's
 * forward pass may use, keyed by the op's OpDef as the SavedModel export's OpTranslations.
 * OnnxOpCoverageTest fails when a model uses an op without one.
 */
final class OnnxOpTranslations {
    private static final Map<OpDef<?>, OnnxOpTranslation<?>> BY_OP = new IdentityHashMap<>();
    /** Where each NHWC axis sits in NCHW. */
    private static final int[] NCHW_POSITION = {0, 2, 3, 1};

    static {
        elementwise(ElementwiseOps.ADD, "Add");
        elementwise(ElementwiseOps.SUB, "Sub");
        elementwise(ElementwiseOps.MUL, "Mul");
        elementwise(ElementwiseOps.DIV, "Div");
        elementwise(LinalgOps.BIAS_ADD, "Add");
        unary(ElementwiseOps.IDENTITY, "Identity");
        unary(ElementwiseOps.NEG, "Neg");
        unary(ElementwiseOps.RELU, "Relu");
        unary(ElementwiseOps.SIGMOID, "Sigmoid");
        unary(ElementwiseOps.TANH, "Tanh");
        unary(ElementwiseOps.EXP, "Exp");
        unary(ElementwiseOps.LOG, "Log");
        unary(ElementwiseOps.SQRT, "Sqrt");
        put(ElementwiseOps.RSQRT, (e, a, in, out) -> {
            OnnxValue root = e.unary("Sqrt", in.get(0));
            return new OnnxValue(e.graph().node("Reciprocal", List.of(root.name())), root.shape(), root.nchw());
        });
        put(ElementwiseOps.SQUARE, (e, a, in, out) -> {
            OnnxValue x = e.value(in.get(0));
            return new OnnxValue(e.graph().node("Mul", List.of(x.name(), x.name())), x.shape(), x.nchw());
        });
        put(ElementwiseOps.SWISH, (e, a, in, out) -> {
            OnnxValue x = e.value(in.get(0));
            String gate = e.graph().node("Sigmoid", List.of(x.name()));
            return new OnnxValue(e.graph().node("Mul", List.of(x.name(), gate)), x.shape(), x.nchw());
        });
        put(LinalgOps.MATMUL, OnnxOpTranslations::gemm);
        put(ConvOps.CONV2D, OnnxOpTranslations::conv);
        put(NormOps.BATCH_NORM_INFER, OnnxOpTranslations::batchNorm);
        put(PoolOps.MAX_POOL, (e, a, in, out) -> pool(e, true, a, in.get(0), out));
        put(PoolOps.AVG_POOL, (e, a, in, out) -> pool(e, false, a, in.get(0), out));
        put(ReduceOps.SUM, (e, a, in, out) -> reduce(e, "ReduceSum", a, in.get(0), out));
        put(ReduceOps.MAX, (e, a, in, out) -> reduce(e, "ReduceMax", a, in.get(0), out));
    }

    private OnnxOpTranslations() {
    }

    /** The translation of {@code op}, or null when it has none. */
    @SuppressWarnings("unchecked")
    static OnnxOpTranslation<Object> of(OpDef<?> op) {
        return (OnnxOpTranslation<Object>) BY_OP.get(op);
    }

    /** Every op that has a translation. */
    static Set<OpDef<?>> ops() {
        return Collections.unmodifiableSet(BY_OP.keySet());
    }

    private static <A> void put(OpDef<A> op, OnnxOpTranslation<A> translation) {
        if (BY_OP.put(op, translation) != null) {
            throw new IllegalStateException("two ONNX translations for " + op);
        }
    }

    private static <A> void elementwise(OpDef<A> op, String onnxOp) {
        put(op, (e, a, in, out) -> e.elementwise(onnxOp, in, out));
    }

    private static <A> void unary(OpDef<A> op, String onnxOp) {
        put(op, (e, a, in, out) -> e.unary(onnxOp, in.get(0)));
    }

    /** The engine's 2-D matmul with its transposes is Gemm without the C term. */
    private static OnnxValue gemm(OnnxNetworkEmitter e, MatmulAttrs a, List<TraceValue> in, Shape out) {
        OnnxValue x = e.value(in.get(0));
        OnnxValue y = e.value(in.get(1));
        if (x.shape().rank() != 2 || y.shape().rank() != 2) {
            throw new IllegalArgumentException("matmul of " + x.shape() + " and " + y.shape() + ": the ONNX export handles 2-D matmuls");
        }
        String product = e.graph().node("Gemm", List.of(x.name(), y.name()),
                integer("transA", a.transposeA() ? 1 : 0), integer("transB", a.transposeB() ? 1 : 0));
        return new OnnxValue(product, out, false);
    }

    /**
     * NCHW Conv with the engine's kernel [kh, kw, cin/groups, cout] laid out as [cout, cin/groups,
     * kh, kw]; SAME and explicit padding become the explicit pads the engine resolves (SAME's odd
     * pixel at the bottom/right). Groups carry over as they are: both split the output channels
     * into contiguous groups, so depthwise (groups = cin) needs nothing more.
     */
    private static OnnxValue conv(OnnxNetworkEmitter e, Conv2dAttrs a, List<TraceValue> in, Shape out) {
        TraceValue xv = in.get(0);
        TraceValue wv = in.get(1);
        if (!OnnxNetworkEmitter.isConstant(wv)) {
            throw new IllegalArgumentException("a convolution whose kernel is computed in the pass cannot be exported to ONNX; "
                    + "kernels must be model variables");
        }
        Shape w = wv.shape();
        int kh = w.dim(0);
        int kw = w.dim(1);
        int perGroup = w.dim(2);
        int cout = w.dim(3);
        Shape xs = xv.shape();
        if (perGroup * a.groups() != xs.dim(3)) {
            throw new IllegalArgumentException("convolution kernel " + w + " with " + a.groups() + " groups does not fit input " + xs);
        }
        OnnxValue x = e.nchw(xv);
        float[] kernel = OnnxTensors.hwioToOihw(OnnxNetworkEmitter.constantData(wv), kh, kw, perGroup, cout);
        String k = e.graph().floats(OnnxNetworkEmitter.constantName(wv), kernel, cout, perGroup, kh, kw);
        Padding.Axis ah = a.padding().along(true, xs.dim(1), kh, a.strideH());
        Padding.Axis aw = a.padding().along(false, xs.dim(2), kw, a.strideW());
        String y = e.graph().node("Conv", List.of(x.name(), k), ints("kernel_shape", kh, kw), ints("strides", a.strideH(), a.strideW()),
                ints("pads", ah.padBefore(), aw.padBefore(), ah.padAfter(), aw.padAfter()), ints("dilations", 1, 1),
                integer("group", a.groups()));
        return new OnnxValue(y, out, true);
    }

    /** BatchNormalization in inference mode on NCHW feature maps or on [N, C]. */
    private static OnnxValue batchNorm(OnnxNetworkEmitter e, BatchNormAttrs a, List<TraceValue> in, Shape out) {
        TraceValue xv = in.get(0);
        OnnxValue x;
        if (xv.shape().rank() == 4) {
            x = e.nchw(xv);
        } else if (xv.shape().rank() == 2) {
            x = e.value(xv);
        } else {
            throw new IllegalArgumentException("batch norm over " + xv.shape() + ": the ONNX export handles [N, H, W, C] and [N, C]");
        }
        List<String> inputs = new ArrayList<>(List.of(x.name()));
        for (TraceValue p : in.subList(1, 5)) {
            if (p.shape().rank() != 1) {
                throw new IllegalArgumentException("batch norm parameter of shape " + p.shape() + ": the ONNX export handles per-channel [C]");
            }
            inputs.add(e.value(p).name());
        }
        String y = e.graph().node("BatchNormalization", inputs, OnnxGraph.real("epsilon", (float) a.epsilon()));
        return new OnnxValue(y, out, x.nchw());
    }

    /**
     * MaxPool (padding never wins a max) or AveragePool dividing by the in-image count, as the
     * engine; a window covering the whole unpadded map is the global pool.
     */
    private static OnnxValue pool(OnnxNetworkEmitter e, boolean max, PoolAttrs a, TraceValue xv, Shape out) {
        Shape xs = xv.shape();
        OnnxValue x = e.nchw(xv);
        Padding.Axis ah = a.padding().along(true, xs.dim(1), a.kernelH(), a.strideH());
        Padding.Axis aw = a.padding().along(false, xs.dim(2), a.kernelW(), a.strideW());
        boolean global = a.kernelH() == xs.dim(1) && a.kernelW() == xs.dim(2) && ah.out() == 1 && aw.out() == 1
                && ah.padBefore() + ah.padAfter() + aw.padBefore() + aw.padAfter() == 0;
        String y;
        if (global) {
            y = e.graph().node(max ? "GlobalMaxPool" : "GlobalAveragePool", List.of(x.name()));
        } else if (max) {
            y = e.graph().node("MaxPool", List.of(x.name()), ints("kernel_shape", a.kernelH(), a.kernelW()),
                    ints("strides", a.strideH(), a.strideW()), ints("pads", ah.padBefore(), aw.padBefore(), ah.padAfter(), aw.padAfter()));
        } else {
            y = e.graph().node("AveragePool", List.of(x.name()), ints("kernel_shape", a.kernelH(), a.kernelW()),
                    ints("strides", a.strideH(), a.strideW()), ints("pads", ah.padBefore(), aw.padBefore(), ah.padAfter(), aw.padAfter()),
                    integer("count_include_pad", 0));
        }
        return new OnnxValue(y, out, true);
    }

    /**
     * ReduceSum (axes as an input since opset 13) or ReduceMax (axes as an attribute until opset
     * 18), on NCHW axes when the input is NCHW; without kept dims, the axes left are put back in
     * the engine's order.
     */
    private static OnnxValue reduce(OnnxNetworkEmitter e, String onnxOp, ReduceAttrs a, TraceValue xv, Shape out) {
        int[] axes = a.resolve(xv.shape());
        if (axes.length > 0 && axes[0] == 0 && !OnnxNetworkEmitter.isConstant(xv)) {
            throw new IllegalArgumentException("the model reduces over the batch axis of " + xv.shape() + "; served batches would mix images");
        }
        OnnxValue x = e.value(xv);
        long[] onnxAxes = new long[axes.length];
        for (int i = 0; i < axes.length; i++) {
            onnxAxes[i] = x.nchw() ? NCHW_POSITION[axes[i]] : axes[i];
        }
        java.util.Arrays.sort(onnxAxes);
        OnnxGraph g = e.graph();
        String y = "ReduceSum".equals(onnxOp)
                ? g.node(onnxOp, List.of(x.name(), g.longs("axes", onnxAxes)), integer("keepdims", a.keepDims() ? 1 : 0))
                : g.node(onnxOp, List.of(x.name()), ints("axes", onnxAxes), integer("keepdims", a.keepDims() ? 1 : 0));
        if (!x.nchw() || a.keepDims()) {
            return new OnnxValue(y, out, x.nchw());
        }
        // The NHWC axes that remain, in the order NCHW holds them.
        List<Integer> kept = new ArrayList<>();
        for (int nhwc : new int[] {0, 3, 1, 2}) {
            if (java.util.Arrays.binarySearch(axes, nhwc) < 0) {
                kept.add(nhwc);
            }
        }
        long[] perm = new long[kept.size()];
        boolean ordered = true;
        List<Integer> sorted = new ArrayList<>(kept);
        Collections.sort(sorted);
        for (int i = 0; i < perm.length; i++) {
            perm[i] = kept.indexOf(sorted.get(i));
            ordered &= perm[i] == i;
        }
        return new OnnxValue(ordered ? y : g.node("Transpose", List.of(y), ints("perm", perm)), out, false);
    }
}

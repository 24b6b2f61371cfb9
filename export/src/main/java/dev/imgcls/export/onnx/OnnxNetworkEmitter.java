package dev.imgcls.export.onnx;

import dev.imgcls.export.savedmodel.trace.ModelTracer;
import dev.imgcls.export.savedmodel.trace.Trace;
import dev.imgcls.export.savedmodel.trace.TraceValue;
import dev.imgcls.export.savedmodel.trace.TracedOp;
import dev.imgcls.tensor.DType;
import dev.imgcls.tensor.Shape;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a traced forward pass as ONNX nodes, each engine op as the ONNX ops of the same
 * semantics ({@link OnnxOpTranslations}), each model variable as an initializer named after it.
 *
 * <p>Layout: the engine is NHWC, ONNX's Conv and pooling are NCHW. An activation is transposed to
 * NCHW when an op first needs it so (for our models once, after the input normalisation) and
 * stays NCHW while ops that keep the layout (element-wise ops, batch norm, convolutions) follow;
 * constants that broadcast against it are laid out to match at export time, so the graph has no
 * transposes around each layer. A reshape of a NCHW value goes back to NHWC first unless its
 * spatial size is 1×1 (where both orders are the same memory).
 */
final class OnnxNetworkEmitter {
    private static final long[] TO_NCHW = {0, 3, 1, 2};
    private static final long[] TO_NHWC = {0, 2, 3, 1};

    private final OnnxGraph graph;
    private final Map<TraceValue, OnnxValue> emitted = new HashMap<>();
    private final Map<TraceValue, OnnxValue> asNchw = new HashMap<>();
    private final Map<TraceValue, String> nchwConstants = new HashMap<>();

    OnnxNetworkEmitter(OnnxGraph graph) {
        this.graph = graph;
    }

    /** Emits the trace on the graph input {@code images} (float NHWC) and returns the name of the logits {@code [N, classes]}. */
    String emit(Trace trace, String images) {
        emitted.put(trace.images(), new OnnxValue(images, trace.images().shape(), false));
        for (TracedOp op : trace.ops()) {
            if (op.outputs().size() != 1) {
                throw new IllegalArgumentException("model op '" + op.op().name() + "' has " + op.outputs().size()
                        + " outputs; the ONNX export handles single-output ops");
            }
            emitted.put(op.outputs().get(0), translate(op));
        }
        if (trace.logits().shape().rank() != 2) {
            throw new IllegalArgumentException("the model returns " + trace.logits().shape() + ", not logits [N, classes]");
        }
        return value(trace.logits()).name();
    }

    /** The nodes of one traced op, whose inputs must be bound or emitted already. */
    OnnxValue translate(TracedOp op) {
        OnnxOpTranslation<Object> translation = OnnxOpTranslations.of(op.op());
        if (translation == null) {
            throw new IllegalArgumentException("model op '" + op.op().name() + "' has no ONNX translation in the ONNX export");
        }
        for (TraceValue v : op.inputs()) {
            requireFloat(op, v.dtype());
        }
        TraceValue.OpOutput out = op.outputs().get(0);
        requireFloat(op, out.dtype());
        return translation.emit(this, op.attrs(), op.inputs(), out.shape());
    }

    /** Uses {@code value} for {@code v}: lets a single op be emitted on given inputs. */
    void bind(TraceValue v, OnnxValue value) {
        emitted.put(v, value);
    }

    OnnxGraph graph() {
        return graph;
    }

    /** True for a model variable or a literal: values known at export time. */
    static boolean isConstant(TraceValue v) {
        return v instanceof TraceValue.VariableValue || v instanceof TraceValue.Literal;
    }

    /** The values of a constant in its traced shape (a variable's view shares the variable's row-major order). */
    static float[] constantData(TraceValue v) {
        if (v instanceof TraceValue.VariableValue vv) {
            return vv.variable().value().toFloatArray();
        }
        if (v instanceof TraceValue.Literal lit) {
            return lit.values();
        }
        throw new IllegalArgumentException("not a constant: " + v);
    }

    /** The initializer name for a constant: its variable's name, or "const". */
    static String constantName(TraceValue v) {
        return v instanceof TraceValue.VariableValue vv ? vv.variable().name() : "const";
    }

    /** The value of {@code v} in the layout it was made in; constants become initializers of their traced shape. */
    OnnxValue value(TraceValue v) {
        OnnxValue done = emitted.get(v);
        if (done != null) {
            return done;
        }
        OnnxValue out;
        if (isConstant(v)) {
            out = new OnnxValue(graph.floats(constantName(v), constantData(v), longs(v.shape())), v.shape(), false);
        } else if (v instanceof TraceValue.Reshaped r) {
            out = reshapeKeepingBatch(r);
        } else {
            throw new IllegalStateException("traced value " + v + " used before the op that makes it");
        }
        emitted.put(v, out);
        return out;
    }

    /** A rank-4 activation as NCHW, transposed once if it was made NHWC. */
    OnnxValue nchw(TraceValue v) {
        OnnxValue x = value(v);
        if (x.nchw()) {
            return x;
        }
        if (x.shape().rank() != 4) {
            throw new IllegalArgumentException("expected a rank-4 NHWC activation, got " + x.shape());
        }
        return asNchw.computeIfAbsent(v, k -> new OnnxValue(graph.node("Transpose", List.of(x.name()), OnnxGraph.ints("perm", TO_NCHW)),
                x.shape(), true));
    }

    /**
     * An element-wise op on inputs that broadcast NumPy-style in the engine's layout: all NHWC as
     * traced, or, when an input is a NCHW activation, every operand brought to NCHW broadcasting.
     */
    OnnxValue elementwise(String opType, List<TraceValue> in, Shape out) {
        boolean nchw = false;
        for (TraceValue v : in) {
            nchw |= !isConstant(v) && value(v).nchw();
        }
        List<String> names = new java.util.ArrayList<>(in.size());
        for (TraceValue v : in) {
            names.add(nchw ? nchwOperand(v) : value(v).name());
        }
        return new OnnxValue(graph.node(opType, names), out, nchw);
    }

    /** An element-wise op of one input, in that input's layout. */
    OnnxValue unary(String opType, TraceValue in) {
        OnnxValue x = value(in);
        return new OnnxValue(graph.node(opType, List.of(x.name())), x.shape(), x.nchw());
    }

    /** An operand of a NCHW element-wise op: constants re-laid at export time, NHWC feature maps transposed. */
    private String nchwOperand(TraceValue v) {
        if (isConstant(v)) {
            return nchwConstants.computeIfAbsent(v, k -> graph.floats(constantName(k),
                    OnnxTensors.nchwBroadcastData(constantData(k), k.shape()), OnnxTensors.nchwBroadcastDims(k.shape())));
        }
        OnnxValue x = value(v);
        if (x.nchw() || x.shape().rank() == 4) {
            return nchw(v).name();
        }
        throw new IllegalArgumentException("the model combines a " + x.shape() + " activation with a feature map element-wise; "
                + "the ONNX export handles constants or feature maps [N, H, W, C] there");
    }

    /** A reshape of an activation: the batch axis must stay first and whole, and becomes -1 in the graph. */
    private OnnxValue reshapeKeepingBatch(TraceValue.Reshaped r) {
        Shape from = r.source().shape();
        Shape to = r.shape();
        int batch = ModelTracer.TRACE_BATCH;
        if (from.rank() == 0 || to.rank() == 0 || from.dim(0) != batch || to.dim(0) != batch) {
            throw new IllegalArgumentException("the model reshapes an activation " + from + " to " + to
                    + " across the batch axis; only reshapes that keep the batch axis can be exported");
        }
        OnnxValue source = value(r.source());
        String x = source.name();
        if (source.nchw() && (from.dim(1) != 1 || from.dim(2) != 1)) {
            x = graph.node("Transpose", List.of(x), OnnxGraph.ints("perm", TO_NHWC));
        }
        long[] dims = longs(to);
        dims[0] = -1;
        return new OnnxValue(graph.node("Reshape", List.of(x, graph.longs("shape", dims))), to, false);
    }

    private static void requireFloat(TracedOp op, DType dtype) {
        if (dtype != DType.FLOAT32) {
            throw new IllegalArgumentException("model op '" + op.op().name() + "' works on " + dtype + "; the ONNX export handles float32");
        }
    }

    static long[] longs(Shape s) {
        long[] r = new long[s.rank()];
        for (int i = 0; i < r.length; i++) {
            r[i] = s.dim(i);
        }
        return r;
    }
}

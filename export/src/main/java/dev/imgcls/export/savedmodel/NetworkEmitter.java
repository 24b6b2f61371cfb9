package dev.imgcls.export.savedmodel;

import dev.imgcls.export.savedmodel.graph.TfOps;
import dev.imgcls.export.savedmodel.graph.TfOutput;
import dev.imgcls.export.savedmodel.graph.Tensors;
import dev.imgcls.export.savedmodel.trace.ModelTracer;
import dev.imgcls.export.savedmodel.trace.Trace;
import dev.imgcls.export.savedmodel.trace.TraceValue;
import dev.imgcls.export.savedmodel.trace.TracedOp;
import dev.imgcls.nn.Variable;
import dev.imgcls.tensor.Shape;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a traced forward pass as TensorFlow nodes: each engine op becomes the TF op with the
 * same semantics (its {@link OpTranslations} entry), each model variable a Const named after it
 * holding its current value. Engine ops without a translation are refused with their name.
 */
final class NetworkEmitter {
    private final TfOps net;
    private final TfOps weights;
    private final Map<TraceValue, TfOutput> emitted = new HashMap<>();
    private final Map<Variable, TfOutput> variableNodes = new LinkedHashMap<>();

    /**
     * @param net     where the network's ops go
     * @param weights where the weight constants go (named after the variables)
     */
    NetworkEmitter(TfOps net, TfOps weights) {
        this.net = net;
        this.weights = weights;
    }

    /** Emits the trace on {@code images} (float NHWC, pixels in [0, 255]) and returns the logits. */
    TfOutput emit(Trace trace, TfOutput images) {
        emitted.put(trace.images(), images);
        for (TracedOp op : trace.ops()) {
            if (op.outputs().size() != 1) {
                throw new IllegalArgumentException("model op '" + op.op().name() + "' has " + op.outputs().size()
                        + " outputs; export handles single-output ops");
            }
            emitted.put(op.outputs().get(0), translate(op));
        }
        if (trace.logits().shape().rank() != 2) {
            throw new IllegalArgumentException("the model returns " + trace.logits().shape() + ", not logits [N, classes]");
        }
        return value(trace.logits());
    }

    /** The Const node of a variable, emitting it if the pass did not use it, so the SavedModel holds every weight. */
    TfOutput variableNode(Variable v) {
        return variableNodes.computeIfAbsent(v, k -> {
            float[] data = k.value().toFloatArray();
            return weights.constant(k.name(), Tensors.floats(data, longs(k.shape())));
        });
    }

    /** Uses {@code node} for {@code v}: lets a single op be emitted on given inputs. */
    void bind(TraceValue v, TfOutput node) {
        emitted.put(v, node);
    }

    /** The nodes of one traced op, whose inputs must be bound or emitted already; returns its output. */
    TfOutput translate(TracedOp op) {
        OpTranslation<Object> translation = OpTranslations.of(op.op());
        if (translation == null) {
            throw new IllegalArgumentException("model op '" + op.op().name() + "' has no TensorFlow translation in the SavedModel export");
        }
        return translation.emit(this, op.attrs(), op.inputs());
    }

    /** Where the network's ops go. */
    TfOps net() {
        return net;
    }

    /** The node holding a traced value, emitting constants and views on first use. */
    TfOutput value(TraceValue v) {
        TfOutput done = emitted.get(v);
        if (done != null) {
            return done;
        }
        TfOutput out;
        if (v instanceof TraceValue.VariableValue vv) {
            out = valueAs(vv, vv.shape());
        } else if (v instanceof TraceValue.Literal lit) {
            out = net.constant("const", Tensors.floats(lit.values(), longs(lit.shape())));
        } else if (v instanceof TraceValue.Reshaped r) {
            out = reshapeKeepingBatch(r);
        } else {
            throw new IllegalStateException("traced value " + v + " used before the op that makes it");
        }
        emitted.put(v, out);
        return out;
    }

    /** {@code v} with shape {@code shape} (same element count): the variable's own node when the shapes agree, else a Reshape. */
    TfOutput valueAs(TraceValue v, Shape shape) {
        TfOutput base;
        Shape baseShape;
        if (v instanceof TraceValue.VariableValue vv) {
            base = variableNode(vv.variable());
            baseShape = vv.variable().shape();
        } else {
            base = value(v);
            baseShape = v.shape();
        }
        if (baseShape.equals(shape)) {
            return base;
        }
        if (baseShape.numel() != shape.numel()) {
            throw new IllegalStateException("cannot view " + baseShape + " as " + shape);
        }
        return net.reshape(base, net.constInts("shape", shape.dims()));
    }

    /** A reshape of an activation: the batch axis must stay first and whole, and becomes -1 in the graph. */
    private TfOutput reshapeKeepingBatch(TraceValue.Reshaped r) {
        Shape from = r.source().shape();
        Shape to = r.shape();
        int batch = ModelTracer.TRACE_BATCH;
        if (from.rank() == 0 || to.rank() == 0 || from.dim(0) != batch || to.dim(0) != batch) {
            throw new IllegalArgumentException("the model reshapes an activation " + from + " to " + to
                    + " across the batch axis; only reshapes that keep the batch axis can be exported");
        }
        int[] dims = to.dims();
        dims[0] = -1;
        return net.reshape(value(r.source()), net.constInts("shape", dims));
    }

    /** The node emitted for a traced value, or null if none was. */
    TfOutput emitted(TraceValue v) {
        return emitted.get(v);
    }

    /** Variable name → name of its Const node, for every variable emitted. */
    Map<String, String> weightNodes() {
        Map<String, String> m = new LinkedHashMap<>();
        variableNodes.forEach((v, node) -> m.put(v.name(), node.ref()));
        return m;
    }

    static long[] longs(Shape s) {
        return Arrays.stream(s.dims()).asLongStream().toArray();
    }
}

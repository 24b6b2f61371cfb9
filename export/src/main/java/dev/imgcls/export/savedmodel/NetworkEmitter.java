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
import dev.imgcls.tensor.ops.ConvOps.Conv2dAttrs;
import dev.imgcls.tensor.ops.LinalgOps.MatmulAttrs;
import dev.imgcls.tensor.ops.NormOps.BatchNormAttrs;
import dev.imgcls.tensor.ops.Padding;
import dev.imgcls.tensor.ops.PoolOps.PoolAttrs;
import dev.imgcls.tensor.ops.ReduceOps.ReduceAttrs;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a traced forward pass as TensorFlow nodes: each engine op becomes the TF op with the
 * same semantics (tf-formats.md §6.3), each model variable a Const named after it holding its
 * current value. Engine ops without a translation are refused with their name.
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
            TfOutput out = translate(op);
            if (op.outputs().size() != 1) {
                throw new IllegalArgumentException("model op '" + op.op().name() + "' has " + op.outputs().size() + " outputs; export handles single-output ops");
            }
            emitted.put(op.outputs().get(0), out);
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
        List<TraceValue> in = op.inputs();
        return switch (op.op().name()) {
            case "add" -> net.binary("AddV2", value(in.get(0)), value(in.get(1)));
            case "sub" -> net.binary("Sub", value(in.get(0)), value(in.get(1)));
            case "mul" -> net.binary("Mul", value(in.get(0)), value(in.get(1)));
            case "div" -> net.binary("RealDiv", value(in.get(0)), value(in.get(1)));
            case "identity" -> net.unary("Identity", "output", value(in.get(0)));
            case "neg" -> net.unary("Neg", "y", value(in.get(0)));
            case "relu" -> net.unary("Relu", "activations", value(in.get(0)));
            case "sigmoid" -> net.unary("Sigmoid", "y", value(in.get(0)));
            case "tanh" -> net.unary("Tanh", "y", value(in.get(0)));
            case "exp" -> net.unary("Exp", "y", value(in.get(0)));
            case "log" -> net.unary("Log", "y", value(in.get(0)));
            case "sqrt" -> net.unary("Sqrt", "y", value(in.get(0)));
            case "rsqrt" -> net.unary("Rsqrt", "y", value(in.get(0)));
            case "square" -> net.unary("Square", "y", value(in.get(0)));
            case "swish" -> {
                TfOutput x = value(in.get(0));
                yield net.binary("Mul", x, net.unary("Sigmoid", "y", x));
            }
            case "bias_add" -> net.biasAdd(value(in.get(0)), value(in.get(1)));
            case "matmul" -> {
                MatmulAttrs a = (MatmulAttrs) op.attrs();
                yield net.matMul(value(in.get(0)), value(in.get(1)), a.transposeA(), a.transposeB());
            }
            case "conv2d" -> conv((Conv2dAttrs) op.attrs(), in.get(0), in.get(1));
            case "batch_norm_infer" -> batchNorm((BatchNormAttrs) op.attrs(), in);
            case "max_pool", "avg_pool" -> pool(op.op().name(), (PoolAttrs) op.attrs(), in.get(0));
            case "sum", "max" -> reduce(op.op().name().equals("sum") ? "Sum" : "Max", (ReduceAttrs) op.attrs(), in.get(0));
            default -> throw new IllegalArgumentException("model op '" + op.op().name() + "' has no TensorFlow translation in the SavedModel export");
        };
    }

    private TfOutput conv(Conv2dAttrs a, TraceValue xv, TraceValue wv) {
        Shape w = wv.shape();
        int cin = xv.shape().dim(3);
        TfOutput x = value(xv);
        String padding;
        switch (a.padding().kind()) {
            case SAME -> padding = "SAME";
            case VALID -> padding = "VALID";
            default -> {
                // The reference's fixed_padding: an explicit Pad, then a VALID convolution.
                x = padSpatial(x, a.padding());
                padding = "VALID";
            }
        }
        if (a.groups() == 1) {
            return net.conv2d(x, valueAs(wv, w), a.strideH(), a.strideW(), padding);
        }
        if (a.groups() == cin && w.dim(2) == 1) {
            // Engine depthwise filters are [kh, kw, 1, cin·m]; TF's [kh, kw, cin, m] is the same memory.
            Shape tfShape = Shape.of(w.dim(0), w.dim(1), cin, w.dim(3) / cin);
            return net.depthwiseConv2d(x, valueAs(wv, tfShape), a.strideH(), a.strideW(), padding);
        }
        throw new IllegalArgumentException("grouped convolution with " + a.groups() + " groups over " + cin
                + " channels has no TensorFlow translation (only groups 1 and depthwise)");
    }

    private TfOutput padSpatial(TfOutput x, Padding p) {
        if (p.top() == 0 && p.bottom() == 0 && p.left() == 0 && p.right() == 0) {
            return x;
        }
        TfOutput paddings = net.constant("paddings", Tensors.ints(new int[] {0, 0, p.top(), p.bottom(), p.left(), p.right(), 0, 0}, 4, 2));
        return net.pad(x, paddings);
    }

    private TfOutput batchNorm(BatchNormAttrs a, List<TraceValue> in) {
        TfOutput x = value(in.get(0));
        TfOutput gamma = value(in.get(1));
        TfOutput beta = value(in.get(2));
        TfOutput mean = value(in.get(3));
        TfOutput variance = value(in.get(4));
        if (in.get(0).shape().rank() == 4) {
            return net.fusedBatchNorm(x, gamma, beta, mean, variance, (float) a.epsilon());
        }
        // FusedBatchNormV3 wants 4-D input; [N, C] takes the same arithmetic as its CPU kernel.
        TfOutput scale = net.binary("Mul", net.unary("Rsqrt", "y", net.binary("AddV2", variance, net.scalarFloat("epsilon", (float) a.epsilon()))), gamma);
        return net.binary("AddV2", net.binary("Mul", net.binary("Sub", x, mean), scale), beta);
    }

    private TfOutput pool(String op, PoolAttrs a, TraceValue xv) {
        TfOutput x = value(xv);
        Padding p = a.padding();
        boolean max = op.equals("max_pool");
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

    private TfOutput reduce(String tfOp, ReduceAttrs a, TraceValue xv) {
        int[] axes = a.resolve(xv.shape());
        if (axes.length > 0 && axes[0] == 0 && !(xv instanceof TraceValue.VariableValue) && !(xv instanceof TraceValue.Literal)) {
            throw new IllegalArgumentException("the model reduces over the batch axis of " + xv.shape() + "; served batches would mix images");
        }
        return net.reduce(tfOp, value(xv), net.constInts("axes", axes), a.keepDims());
    }

    /** The node holding a traced value, emitting constants and views on first use. */
    private TfOutput value(TraceValue v) {
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
    private TfOutput valueAs(TraceValue v, Shape shape) {
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

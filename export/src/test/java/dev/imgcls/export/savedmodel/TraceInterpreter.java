package dev.imgcls.export.savedmodel;

import dev.imgcls.export.savedmodel.trace.Trace;
import dev.imgcls.export.savedmodel.trace.TraceValue;
import dev.imgcls.export.savedmodel.trace.TracedOp;
import dev.imgcls.tensor.Autograd;
import dev.imgcls.tensor.OpDef;
import dev.imgcls.tensor.Tensor;

import java.util.HashMap;
import java.util.Map;

/** Runs a trace op by op on real tensors with whatever backend is current, keeping every op's output. */
final class TraceInterpreter {
    private final Map<TraceValue, Tensor> values = new HashMap<>();

    TraceInterpreter(Trace trace, Tensor images) {
        values.put(trace.images(), images);
        try (Autograd.Scope ng = Autograd.noGrad()) {
            for (TracedOp op : trace.ops()) {
                Tensor[] in = op.inputs().stream().map(this::value).toArray(Tensor[]::new);
                @SuppressWarnings("unchecked")
                OpDef<Object> def = (OpDef<Object>) op.op();
                Tensor[] out = def.apply(op.attrs(), in);
                for (int i = 0; i < out.length; i++) {
                    values.put(op.outputs().get(i), out[i]);
                }
            }
        }
    }

    Tensor value(TraceValue v) {
        Tensor t = values.get(v);
        if (t != null) {
            return t;
        }
        if (v instanceof TraceValue.VariableValue vv) {
            t = vv.variable().value().reshape(vv.shape().dims());
        } else if (v instanceof TraceValue.Literal lit) {
            t = Tensor.of(lit.values(), lit.shape().dims());
        } else if (v instanceof TraceValue.Reshaped r) {
            int[] dims = r.shape().dims();
            dims[0] = -1;
            t = value(r.source()).reshape(dims);
        } else {
            throw new IllegalStateException("no value for " + v);
        }
        values.put(v, t);
        return t;
    }
}

package dev.imgcls.export.savedmodel.trace;

import dev.imgcls.nn.Variable;
import dev.imgcls.tensor.DType;
import dev.imgcls.tensor.OpDef;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.spi.HostStorage;
import dev.imgcls.tensor.spi.Storage;
import dev.imgcls.tensor.spi.TensorAccess;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the kernel calls of a traced pass into {@link TracedOp}s. Tensors are matched by
 * identity; a tensor never seen before is classified by its storage: an activation's storage
 * means a reshape view of that activation, a variable's storage means that variable (possibly
 * reshaped, like a depthwise kernel), other host storage a literal constant.
 */
final class TraceRecorder {
    private final Map<Tensor, TraceValue> known = new IdentityHashMap<>();
    private final Map<Storage, TraceValue> activationsByStorage = new IdentityHashMap<>();
    private final Map<Storage, Variable> variablesByStorage = new IdentityHashMap<>();
    private final List<TracedOp> ops = new ArrayList<>();
    private final TraceValue.Images images;

    TraceRecorder(List<Variable> variables, Tensor imageBatch) {
        for (Variable v : variables) {
            if (!(TensorAccess.storage(v.value()) instanceof HostStorage)) {
                throw new IllegalArgumentException("variable " + v.name() + " is on " + v.value().device()
                        + "; export reads weights from a model whose variables are on the CPU");
            }
            variablesByStorage.put(TensorAccess.storage(v.value()), v);
        }
        images = new TraceValue.Images(imageBatch.shape(), imageBatch.dtype());
        known.put(imageBatch, images);
        activationsByStorage.put(TensorAccess.storage(imageBatch), images);
    }

    void record(OpDef<?> op, Object attrs, Tensor[] inputs, Tensor[] outputs) {
        List<TraceValue> in = new ArrayList<>(inputs.length);
        for (Tensor t : inputs) {
            in.add(resolve(t));
        }
        List<TraceValue.OpOutput> out = new ArrayList<>(outputs.length);
        for (int i = 0; i < outputs.length; i++) {
            TraceValue.OpOutput o = new TraceValue.OpOutput(ops.size(), i, outputs[i].shape(), outputs[i].dtype());
            out.add(o);
            known.put(outputs[i], o);
            activationsByStorage.putIfAbsent(TensorAccess.storage(outputs[i]), o);
        }
        ops.add(new TracedOp(op, attrs, List.copyOf(in), List.copyOf(out)));
    }

    TraceValue resolve(Tensor t) {
        TraceValue v = known.get(t);
        if (v != null) {
            return v;
        }
        Storage s = TensorAccess.storage(t);
        TraceValue activation = activationsByStorage.get(s);
        Variable variable = variablesByStorage.get(s);
        if (activation != null) {
            v = new TraceValue.Reshaped(activation, t.shape(), t.dtype());
        } else if (variable != null) {
            v = new TraceValue.VariableValue(variable, t.shape(), t.dtype());
        } else if (s instanceof HostStorage) {
            if (t.dtype() != DType.FLOAT32) {
                throw new IllegalArgumentException("the model uses a " + t.dtype() + " constant " + t.shape() + "; export supports float32 constants");
            }
            v = new TraceValue.Literal(t.toFloatArray(), t.shape(), t.dtype());
        } else {
            throw new IllegalStateException("tensor " + t.shape() + " came from outside the traced pass (storage " + s.getClass().getSimpleName() + ")");
        }
        known.put(t, v);
        return v;
    }

    Trace finish(Tensor logits) {
        return new Trace(images, List.copyOf(ops), resolve(logits));
    }
}

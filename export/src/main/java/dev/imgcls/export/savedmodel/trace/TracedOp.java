package dev.imgcls.export.savedmodel.trace;

import dev.imgcls.tensor.OpDef;

import java.util.List;

/** One op of a traced forward pass: the engine op, its attribute record, its inputs and outputs. */
public record TracedOp(OpDef<?> op, Object attrs, List<TraceValue> inputs, List<TraceValue.OpOutput> outputs) {
}

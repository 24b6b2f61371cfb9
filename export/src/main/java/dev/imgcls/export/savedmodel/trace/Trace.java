package dev.imgcls.export.savedmodel.trace;

import java.util.List;

/** A model's forward pass as a list of ops from {@code images} to {@code logits}. */
public record Trace(TraceValue.Images images, List<TracedOp> ops, TraceValue logits) {
}

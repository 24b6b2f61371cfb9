package dev.imgcls.export.savedmodel;

import dev.imgcls.export.savedmodel.graph.TfOutput;
import dev.imgcls.export.savedmodel.trace.TraceValue;

import java.util.List;

/**
 * How one engine op becomes TensorFlow nodes: emits them through {@code e} (whose
 * {@link NetworkEmitter#value} gives the node of each input) and returns the op's output.
 *
 * @param <A> the op's attribute record
 */
@FunctionalInterface
interface OpTranslation<A> {
    TfOutput emit(NetworkEmitter e, A attrs, List<TraceValue> in);
}

package dev.imgcls.export.onnx;

import dev.imgcls.export.savedmodel.trace.TraceValue;
import dev.imgcls.tensor.Shape;

import java.util.List;

/**
 * How one engine op becomes ONNX nodes: emits them through {@code e} (whose values give the
 * ONNX name and layout of each input) and returns the op's output, whose engine shape is {@code out}.
 *
 * @param <A> the op's attribute record
 */
@FunctionalInterface
interface OnnxOpTranslation<A> {
    OnnxValue emit(OnnxNetworkEmitter e, A attrs, List<TraceValue> in, Shape out);
}

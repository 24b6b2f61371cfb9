package dev.imgcls.export.savedmodel.trace;

import dev.imgcls.nn.Mode;
import dev.imgcls.nn.Model;
import dev.imgcls.tensor.Autograd;
import dev.imgcls.tensor.Backends;
import dev.imgcls.tensor.DType;
import dev.imgcls.tensor.Shape;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.spi.TensorAccess;

/**
 * Records what {@link Model#forward} does in evaluation mode, op by op, without computing it:
 * the exported graph is derived from this trace, so it mirrors the engine's own computation
 * (layer order, padding, epsilons, normalisation) for any model rather than a second
 * description of each architecture.
 *
 * <p>The pass runs at the serving image size (a mean's 1/count constant depends on it) with a
 * batch of {@link #TRACE_BATCH}, so that the batch axis is recognisable: the graph must work for
 * any batch size, and a reshape that moves the batch axis is refused rather than frozen.
 */
public final class ModelTracer {
    /** The batch size of the traced pass; any value above 1 would do. */
    public static final int TRACE_BATCH = 2;

    private ModelTracer() {
    }

    public static Trace trace(Model model, int imageSize) {
        if (imageSize < 1) {
            throw new IllegalArgumentException("image_size must be positive, got " + imageSize);
        }
        Shape shape = Shape.of(TRACE_BATCH, imageSize, imageSize, 3);
        Tensor images = TensorAccess.fromStorage(shape, new SymbolicStorage(DType.FLOAT32, shape.numel()));
        TraceRecorder recorder = new TraceRecorder(model.variables(), images);
        try (Autograd.Scope noGrad = Autograd.noGrad(); Autograd.Scope backend = Backends.use(new TraceBackend(recorder))) {
            return recorder.finish(model.forward(images, Mode.EVAL));
        }
    }
}

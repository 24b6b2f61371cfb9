package dev.imgcls.export.savedmodel.trace;

import dev.imgcls.tensor.DType;
import dev.imgcls.tensor.Device;
import dev.imgcls.tensor.OpDef;
import dev.imgcls.tensor.spi.Backend;
import dev.imgcls.tensor.spi.HostStorage;
import dev.imgcls.tensor.spi.Kernel;
import dev.imgcls.tensor.spi.Storage;

/**
 * A CPU backend that computes nothing: every op's "kernel" hands the op, its attributes, inputs
 * and outputs to a {@link TraceRecorder}, and new buffers are {@link SymbolicStorage}. Constants
 * the model creates on the fly (normalisation mean, 1/count of a mean) still arrive as host
 * storage through {@link #upload}, so their values are recorded. Never registered with the
 * ServiceLoader; only {@link ModelTracer} selects it, for one thread, with {@code Backends.use}.
 */
final class TraceBackend implements Backend {
    private final TraceRecorder recorder;

    TraceBackend(TraceRecorder recorder) {
        this.recorder = recorder;
    }

    @Override
    public String name() {
        return "savedmodel-trace";
    }

    @Override
    public Device.Kind deviceKind() {
        return Device.Kind.CPU;
    }

    @Override
    public int priority() {
        return Integer.MIN_VALUE;
    }

    @Override
    public Storage allocate(DType dtype, int size) {
        return new SymbolicStorage(dtype, size);
    }

    @Override
    public Storage upload(HostStorage host) {
        return host;
    }

    @Override
    public HostStorage download(Storage storage) {
        if (storage instanceof HostStorage h) {
            return h;
        }
        throw new IllegalStateException("the model read the value of an activation while being traced for export; "
                + "only computations that do not depend on activation values can be exported");
    }

    @Override
    public <A> Kernel<A> kernel(OpDef<A> op) {
        return (attrs, inputs, outputs) -> recorder.record(op, attrs, inputs, outputs);
    }
}

package dev.imgcls.train.doctor;

import dev.imgcls.tensor.Autograd;
import dev.imgcls.tensor.Backends;
import dev.imgcls.tensor.DType;
import dev.imgcls.tensor.Device;
import dev.imgcls.tensor.MemoryScope;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.spi.Backend;

/**
 * Runs one case's op on one backend the way training does (the op's shape rule, then the
 * backend's kernel, through {@code OpDef.apply} with {@link Backends#use}): inputs uploaded to the
 * backend's device, outputs downloaded, and every device buffer freed before returning.
 */
final class OpRunner {
    /** One tensor as read back: shape, dtype and values (integers exact up to 2^53). */
    record Output(int[] dims, DType dtype, double[] values) {
        static Output of(Tensor t) {
            return new Output(t.dims(), t.dtype(), t.toDoubleArray());
        }
    }

    /** The outputs, and the inputs as the backend holds them after the kernel ran (a kernel must not write them). */
    record Run(Output[] outputs, Output[] inputsAfter) {
    }

    private OpRunner() {
    }

    /** The backend's device: the CPU for host backends, device 0 of its kind otherwise. */
    static Device deviceOf(Backend backend) {
        return backend.deviceKind() == Device.Kind.CPU ? Device.CPU : new Device(backend.deviceKind(), 0);
    }

    static <A> Run run(Backend backend, OpCase<A> c, Tensor[] hostInputs) {
        Device device = deviceOf(backend);
        try (MemoryScope scope = MemoryScope.open(); Autograd.Scope on = Backends.use(backend); Autograd.Scope noGrad = Autograd.noGrad()) {
            Tensor[] in = new Tensor[hostInputs.length];
            for (int i = 0; i < in.length; i++) {
                in[i] = hostInputs[i].toDevice(device);
            }
            Tensor[] out = c.op().apply(c.attrs(), in);
            Output[] outputs = new Output[out.length];
            for (int i = 0; i < out.length; i++) {
                outputs[i] = Output.of(out[i]);
            }
            Output[] inputsAfter = new Output[in.length];
            for (int i = 0; i < in.length; i++) {
                inputsAfter[i] = Output.of(in[i]);
            }
            return new Run(outputs, inputsAfter);
        }
    }
}

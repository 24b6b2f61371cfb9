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
    /** One output as read back: shape, dtype and values (integers exact up to 2^53). */
    record Output(int[] dims, DType dtype, double[] values) {
    }

    private OpRunner() {
    }

    /** The backend's device: the CPU for host backends, device 0 of its kind otherwise. */
    static Device deviceOf(Backend backend) {
        return backend.deviceKind() == Device.Kind.CPU ? Device.CPU : new Device(backend.deviceKind(), 0);
    }

    static <A> Output[] run(Backend backend, OpCase<A> c, Tensor[] hostInputs) {
        Device device = deviceOf(backend);
        try (MemoryScope scope = MemoryScope.open(); Autograd.Scope on = Backends.use(backend); Autograd.Scope noGrad = Autograd.noGrad()) {
            Tensor[] in = new Tensor[hostInputs.length];
            for (int i = 0; i < in.length; i++) {
                in[i] = hostInputs[i].toDevice(device);
            }
            Tensor[] out = c.op().apply(c.attrs(), in);
            Output[] read = new Output[out.length];
            for (int i = 0; i < out.length; i++) {
                read[i] = new Output(out[i].dims(), out[i].dtype(), out[i].toDoubleArray());
            }
            return read;
        }
    }
}

package dev.imgcls.kernels.cuda;

import static dev.imgcls.kernels.testing.OpCheck.randn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.function.Function;

import dev.imgcls.kernels.testing.OpCheck;
import dev.imgcls.tensor.Autograd;
import dev.imgcls.tensor.Backends;
import dev.imgcls.tensor.Device;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.spi.Backend;

/**
 * What the GPU test classes share: the CUDA backend, the per-test skip (reported SKIPPED with the
 * reason when no usable GPU is present), and comparisons of f on the GPU against the reference
 * backend — outputs, and the input gradients of Σ f(x)·R.
 */
final class CudaTestSupport {
    static final CudaBackend CUDA = (CudaBackend) Backends.byName(CudaBackend.NAME);
    /** The device CUDA's storage reports; toDevice(GPU) uploads through CUDA (the only CUDA-kind backend here). */
    static final Device GPU = Device.cuda(0);

    private CudaTestSupport() {
    }

    /** Call from each test's @BeforeEach, so every test is reported SKIPPED with the reason. */
    static void requireGpu() {
        assumeTrue(CUDA.isAvailable(), "CUDA backend unavailable: " + CUDA.unavailableReason());
    }

    /** f on the reference backend vs f on the GPU (inputs copied there), outputs and input gradients. */
    static void compareWithGrad(Function<Tensor[], Tensor> f, double tol, Tensor... inputs) {
        Tensor[][] expected = runWithGrad(OpCheck.REFERENCE, Device.CPU, f, inputs);
        Tensor[][] actual = runWithGrad(CUDA, GPU, f, inputs);
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                if (expected[i][j] != null) {
                    OpCheck.assertClose(expected[i][j], actual[i][j], tol, i == 0 ? "output" : "gradient of input " + j);
                }
            }
        }
    }

    /** f's outputs on the reference backend vs on the GPU (no gradients). */
    static void compare(Function<Tensor[], Tensor[]> f, double tol, Tensor... inputs) {
        Tensor[] expected = run(OpCheck.REFERENCE, Device.CPU, f, inputs);
        Tensor[] actual = run(CUDA, GPU, f, inputs);
        assertEquals(expected.length, actual.length);
        for (int o = 0; o < expected.length; o++) {
            OpCheck.assertClose(expected[o], actual[o], tol, "output " + o);
        }
    }

    private static Tensor[] run(Backend backend, Device device, Function<Tensor[], Tensor[]> f, Tensor[] inputs) {
        try (Autograd.Scope ignored = Backends.use(backend); Autograd.Scope ng = Autograd.noGrad()) {
            Tensor[] xs = new Tensor[inputs.length];
            for (int i = 0; i < xs.length; i++) {
                xs[i] = inputs[i].toDevice(device);
            }
            Tensor[] out = f.apply(xs);
            for (int i = 0; i < out.length; i++) {
                out[i] = onHost(out[i]);
            }
            return out;
        }
    }

    private static Tensor[][] runWithGrad(Backend backend, Device device, Function<Tensor[], Tensor> f, Tensor[] inputs) {
        try (Autograd.Scope ignored = Backends.use(backend)) {
            Tensor[] xs = new Tensor[inputs.length];
            for (int i = 0; i < inputs.length; i++) {
                xs[i] = inputs[i].detach().toDevice(device);
                if (xs[i].dtype().isFloating()) {
                    xs[i].requiresGrad(true);
                }
            }
            Tensor y = f.apply(xs);
            Tensor loss = y.mul(randn(99, y.dims()).toDevice(device)).sum();
            // An explicit seed on the loss's device: Autograd's implicit seed is created on the CPU.
            loss.backward(Tensor.full(loss.dtype(), 1.0, loss.dims()).toDevice(device));
            Tensor[] grads = new Tensor[xs.length];
            for (int i = 0; i < xs.length; i++) {
                grads[i] = xs[i].grad() == null ? null : onHost(xs[i].grad());
            }
            return new Tensor[][] {{onHost(y)}, grads};
        }
    }

    static Tensor onHost(Tensor t) {
        return t.toDevice(Device.CPU);
    }
}

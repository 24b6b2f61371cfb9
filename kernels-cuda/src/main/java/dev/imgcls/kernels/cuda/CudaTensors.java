package dev.imgcls.kernels.cuda;

import dev.imgcls.tensor.DType;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.spi.TensorAccess;
import jcuda.Pointer;

/** Small helpers the CUDA kernel classes share: device pointers of tensors and dtype checks. */
final class CudaTensors {
    private CudaTensors() {
    }

    static CudaStorage storage(Tensor t) {
        if (!(TensorAccess.storage(t) instanceof CudaStorage s)) {
            throw new IllegalArgumentException("tensor on " + t.device() + " is not in CUDA memory; move it with tensor.toDevice(device)");
        }
        return s;
    }

    /** The kernel parameter for a tensor's device buffer. */
    static Pointer ptr(Tensor t) {
        return storage(t).param();
    }

    /** The CUDA kernels are float32; FLOAT64 runs on the CPU backends (no silent conversion). */
    static void requireFloat32(String op, Tensor... ts) {
        for (Tensor t : ts) {
            if (t.dtype() != DType.FLOAT32) {
                throw new IllegalArgumentException(op + ": the CUDA backend computes in FLOAT32 only, got " + t.dtype()
                        + "; cast the input or run this op on the CPU backend");
            }
        }
    }

    static Pointer longArg(long v) {
        return Pointer.to(new long[] {v});
    }

    static Pointer intArg(int v) {
        return Pointer.to(new int[] {v});
    }

    static Pointer floatArg(float v) {
        return Pointer.to(new float[] {v});
    }
}

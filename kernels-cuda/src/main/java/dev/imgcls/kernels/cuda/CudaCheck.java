package dev.imgcls.kernels.cuda;

import jcuda.driver.CUresult;

/** Turns CUDA driver status codes into exceptions that name the call that failed (our bindings throw their own). */
final class CudaCheck {
    private CudaCheck() {
    }

    static void driver(int rc, String call) {
        if (rc != CUresult.CUDA_SUCCESS) {
            throw new IllegalStateException(call + " failed: " + CUresult.stringFor(rc));
        }
    }
}

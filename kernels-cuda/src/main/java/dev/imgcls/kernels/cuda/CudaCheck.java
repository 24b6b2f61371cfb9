package dev.imgcls.kernels.cuda;

import jcuda.driver.CUresult;
import jcuda.jcublas.cublasStatus;
import jcuda.nvrtc.nvrtcResult;

/** Turns CUDA status codes into exceptions that name the call that failed. */
final class CudaCheck {
    private CudaCheck() {
    }

    static void driver(int rc, String call) {
        if (rc != CUresult.CUDA_SUCCESS) {
            throw new IllegalStateException(call + " failed: " + CUresult.stringFor(rc));
        }
    }

    static void nvrtc(int rc, String call) {
        if (rc != nvrtcResult.NVRTC_SUCCESS) {
            throw new IllegalStateException(call + " failed: " + nvrtcResult.stringFor(rc));
        }
    }

    static void cublas(int rc, String call) {
        if (rc != cublasStatus.CUBLAS_STATUS_SUCCESS) {
            throw new IllegalStateException(call + " failed: " + cublasStatus.stringFor(rc));
        }
    }
}

package dev.imgcls.kernels.cuda;

import jcuda.driver.CUstream;

/**
 * The backend's stream with its raw handle readable (JCuda keeps it protected), so cuDNN can be
 * told to run on it: a CUstream and a cudaStream_t are the same object.
 */
final class StreamHandle extends CUstream {
    long handle() {
        return getNativePointer();
    }
}

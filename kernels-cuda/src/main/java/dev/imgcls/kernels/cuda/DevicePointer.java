package dev.imgcls.kernels.cuda;

import jcuda.driver.CUdeviceptr;

/**
 * A device pointer whose raw address can be read: JCuda keeps it in a protected field, and our
 * cuDNN binding takes device addresses as plain longs. Every block the allocator hands out is one.
 */
final class DevicePointer extends CUdeviceptr {
    /** The device virtual address this pointer designates. */
    long address() {
        return getNativePointer() + getByteOffset();
    }
}

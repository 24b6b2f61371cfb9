package dev.imgcls.kernels.cuda;

import dev.imgcls.tensor.DType;
import dev.imgcls.tensor.Device;
import dev.imgcls.tensor.spi.Storage;
import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;

/** A reference-counted device buffer; the last release hands its block back to the caching allocator. */
final class CudaStorage implements Storage {
    private final DType dtype;
    private final int size;
    private final CudaAllocator.Block block;
    private final CudaAllocator allocator;
    private int refs = 1;

    CudaStorage(DType dtype, int size, CudaAllocator.Block block, CudaAllocator allocator) {
        this.dtype = dtype;
        this.size = size;
        this.block = block;
        this.allocator = allocator;
    }

    @Override
    public DType dtype() {
        return dtype;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Device device() {
        return Device.cuda(0);
    }

    long bytes() {
        return (long) size * dtype.byteSize();
    }

    CUdeviceptr pointer() {
        if (refs <= 0) {
            throw new IllegalStateException("CUDA storage used after release");
        }
        return block.pointer();
    }

    /** The raw device address, for the cuDNN binding. */
    long address() {
        if (refs <= 0) {
            throw new IllegalStateException("CUDA storage used after release");
        }
        return block.pointer().address();
    }

    /** The kernel-parameter form: a pointer to the device address. */
    Pointer param() {
        return Pointer.to(pointer());
    }

    @Override
    public synchronized void retain() {
        if (refs <= 0) {
            throw new IllegalStateException("cannot retain released CUDA storage");
        }
        refs++;
    }

    @Override
    public void release() {
        boolean last;
        synchronized (this) {
            if (refs <= 0) {
                throw new IllegalStateException("CUDA storage released twice");
            }
            last = --refs == 0;
        }
        if (last) {
            allocator.free(block);
        }
    }

    @Override
    public synchronized boolean isReleased() {
        return refs <= 0;
    }
}

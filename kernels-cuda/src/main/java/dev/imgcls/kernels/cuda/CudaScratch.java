package dev.imgcls.kernels.cuda;

import static jcuda.driver.JCudaDriver.cuMemsetD8Async;

import java.util.ArrayList;
import java.util.List;

import jcuda.Pointer;

/**
 * Temporary device buffers for one kernel call (cuDNN workspaces, transposed filters, padded
 * inputs), returned to the caching allocator on close. Returning them before the queued GPU work
 * ran is safe: every launch and copy goes to the backend's one stream, so whoever reuses a block
 * next is ordered after the work that still reads it.
 */
final class CudaScratch implements AutoCloseable {
    private final CudaContext context;
    private final List<CudaAllocator.Block> blocks = new ArrayList<>();

    CudaScratch(CudaContext context) {
        this.context = context;
    }

    /** A buffer of at least {@code bytes} (contents undefined); null for 0 bytes. */
    CudaAllocator.Block allocate(long bytes) {
        if (bytes <= 0) {
            return null;
        }
        CudaAllocator.Block b = context.allocator().allocate(bytes);
        blocks.add(b);
        return b;
    }

    /** A zero-filled buffer of {@code bytes}. */
    CudaAllocator.Block zeros(long bytes) {
        CudaAllocator.Block b = allocate(bytes);
        if (b != null) {
            CudaCheck.driver(cuMemsetD8Async(b.pointer(), (byte) 0, bytes, context.stream()), "cuMemsetD8Async");
        }
        return b;
    }

    static long address(CudaAllocator.Block b) {
        return b == null ? 0 : b.pointer().address();
    }

    static Pointer param(CudaAllocator.Block b) {
        return Pointer.to(b.pointer());
    }

    @Override
    public void close() {
        for (CudaAllocator.Block b : blocks) {
            context.allocator().free(b);
        }
        blocks.clear();
    }
}

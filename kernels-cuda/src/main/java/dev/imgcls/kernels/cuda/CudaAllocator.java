package dev.imgcls.kernels.cuda;

import static jcuda.driver.JCudaDriver.cuMemAlloc;
import static jcuda.driver.JCudaDriver.cuMemFree;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

import jcuda.driver.CUresult;

/**
 * A caching device allocator: freed blocks go to a free list per size class and are reused by the
 * next request of that class, so a training step that allocates the same shapes every iteration
 * stops calling cuMemAlloc after the first one. Size classes: multiples of 512 bytes up to 1 MiB,
 * then four classes per power of two (≤ 25% waste). When cuMemAlloc runs out of memory the cache
 * is emptied and the allocation retried once.
 */
final class CudaAllocator {
    static final long SMALL_GRAIN = 512;
    static final long SMALL_LIMIT = 1L << 20;

    /** A device block and the size class it was allocated for. */
    record Block(DevicePointer pointer, long classBytes) {
    }

    private final Map<Long, ArrayDeque<Block>> free = new HashMap<>();
    private long inUseBytes;
    private long cachedBytes;
    private long deviceAllocations;

    static long sizeClass(long bytes) {
        long b = Math.max(bytes, 1);
        if (b <= SMALL_LIMIT) {
            return (b + SMALL_GRAIN - 1) / SMALL_GRAIN * SMALL_GRAIN;
        }
        long pow = Long.highestOneBit(b - 1);
        long step = pow / 4;
        return (b + step - 1) / step * step;
    }

    synchronized Block allocate(long bytes) {
        long cls = sizeClass(bytes);
        ArrayDeque<Block> list = free.get(cls);
        Block block = list == null ? null : list.pollFirst();
        if (block != null) {
            cachedBytes -= cls;
        } else {
            block = new Block(deviceAlloc(cls), cls);
        }
        inUseBytes += cls;
        return block;
    }

    synchronized void free(Block block) {
        inUseBytes -= block.classBytes();
        cachedBytes += block.classBytes();
        free.computeIfAbsent(block.classBytes(), k -> new ArrayDeque<>()).addFirst(block);
    }

    /** Returns every cached block to the driver. */
    synchronized void emptyCache() {
        for (ArrayDeque<Block> list : free.values()) {
            for (Block b : list) {
                cuMemFree(b.pointer());
            }
        }
        free.clear();
        cachedBytes = 0;
    }

    synchronized long inUseBytes() {
        return inUseBytes;
    }

    synchronized long cachedBytes() {
        return cachedBytes;
    }

    synchronized long deviceAllocations() {
        return deviceAllocations;
    }

    private DevicePointer deviceAlloc(long cls) {
        DevicePointer p = new DevicePointer();
        int rc = cuMemAlloc(p, cls);
        if (rc == CUresult.CUDA_ERROR_OUT_OF_MEMORY && cachedBytes > 0) {
            emptyCache();
            rc = cuMemAlloc(p, cls);
        }
        if (rc != CUresult.CUDA_SUCCESS) {
            throw new IllegalStateException("cuMemAlloc of " + cls + " bytes failed: " + CUresult.stringFor(rc)
                    + " (in use " + inUseBytes + " bytes); use a smaller batch size");
        }
        deviceAllocations++;
        return p;
    }
}

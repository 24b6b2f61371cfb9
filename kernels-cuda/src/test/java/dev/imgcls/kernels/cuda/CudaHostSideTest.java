package dev.imgcls.kernels.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** The host-side planning of the CUDA backend, which needs no GPU: size classes, cache names, strides. */
class CudaHostSideTest {
    @Test
    void sizeClassesCoverTheRequestWithBoundedWaste() {
        assertEquals(512, CudaAllocator.sizeClass(1));
        assertEquals(512, CudaAllocator.sizeClass(512));
        assertEquals(1024, CudaAllocator.sizeClass(513));
        for (long bytes = 1; bytes < (1L << 34); bytes = bytes * 3 + 7) {
            long cls = CudaAllocator.sizeClass(bytes);
            assertTrue(cls >= bytes, "class " + cls + " for " + bytes);
            assertTrue(cls - bytes < Math.max(CudaAllocator.SMALL_GRAIN, bytes / 3), "waste for " + bytes + ": " + cls);
            assertEquals(cls, CudaAllocator.sizeClass(cls), "a class is its own class");
        }
    }

    @Test
    void cubinCacheNameCarriesSourceHashArchAndNvrtcVersion() {
        KernelCompiler c = new KernelCompiler(Path.of("/cache"), 9, 0, "12.6");
        Path p = c.cacheFile("header", "source");
        assertTrue(p.getFileName().toString().matches("[0-9a-f]{64}-sm_90-nvrtc12\\.6\\.cubin"), p.toString());
        assertNotEquals(p, c.cacheFile("header", "source2"));
        assertNotEquals(p, new KernelCompiler(Path.of("/cache"), 8, 0, "12.6").cacheFile("header", "source"));
    }

    @Test
    void everyKernelSourceIsShipped() {
        // Every file a Cuda*Kernels class launches from, plus the shared header.
        for (String f : new String[] {"elementwise.cu", "bias.cu", "reduce.cu", "loss.cu", "optimizer.cu", "batchnorm.cu", "cast.cu",
                "pool.cu", "select.cu", "shape.cu", KernelCompiler.HEADER}) {
            String src = KernelCompiler.readResource(f);
            assertTrue(src.startsWith("//"), f + " starts with its layout/accumulation header comment");
        }
    }

    @Test
    void broadcastStridesAreZeroOnBroadcastAxes() {
        assertArrayEquals(new long[] {0, 0, 1}, CudaElementwiseKernels.rightAlignedStrides(new int[] {19}, 3));
        assertArrayEquals(new long[] {0, 1, 0}, CudaElementwiseKernels.rightAlignedStrides(new int[] {5, 1}, 3));
        assertArrayEquals(new long[] {35, 0, 7, 1}, CudaElementwiseKernels.rightAlignedStrides(new int[] {2, 1, 5, 7}, 4));
    }
}

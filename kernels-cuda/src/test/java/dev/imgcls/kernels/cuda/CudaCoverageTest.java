package dev.imgcls.kernels.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.imgcls.tensor.Backends;
import dev.imgcls.tensor.OpDef;
import dev.imgcls.tensor.ops.ConvOps;
import dev.imgcls.tensor.ops.LinalgOps;
import dev.imgcls.tensor.ops.NormOps;
import dev.imgcls.tensor.ops.OpRegistry;
import dev.imgcls.tensor.ops.PoolOps;
import dev.imgcls.tensor.ops.ShapeOps;
import org.junit.jupiter.api.Test;

/**
 * The CUDA backend has a kernel for every engine op (views excepted), and which library runs it:
 * cuDNN, cuBLAS or our kernels. Needs no GPU (the kernel table answers without one).
 */
class CudaCoverageTest {
    @Test
    void everyOpHasACudaKernelAndASource() {
        CudaBackend cuda = (CudaBackend) Backends.byName(CudaBackend.NAME);
        Map<String, Set<String>> bySource = new TreeMap<>();
        Set<String> missing = new TreeSet<>();
        for (OpDef<?> op : OpRegistry.all()) {
            if (op.isView()) {
                continue;
            }
            String source = cuda.kernelSource(op);
            if (source == null) {
                missing.add(op.name());
            } else {
                bySource.computeIfAbsent(source, k -> new TreeSet<>()).add(op.name());
            }
        }
        bySource.forEach((source, ops) -> System.out.println("[CudaCoverageTest] " + source + " (" + ops.size() + "): " + ops));
        System.out.println("[CudaCoverageTest] missing (" + missing.size() + "): " + missing);
        assertTrue(missing.isEmpty(), "ops without a CUDA kernel: " + missing);
        assertEquals("cuBLAS", cuda.kernelSource(LinalgOps.MATMUL));
        for (OpDef<?> op : new OpDef<?>[] {ConvOps.CONV2D, ConvOps.CONV2D_BACKPROP_INPUT, ConvOps.CONV2D_BACKPROP_FILTER,
            NormOps.BATCH_NORM_TRAIN, NormOps.BATCH_NORM_INFER}) {
            assertEquals("cuDNN", cuda.kernelSource(op), op.name());
        }
        for (OpDef<?> op : new OpDef<?>[] {PoolOps.MAX_POOL, PoolOps.MAX_POOL_GRAD, ShapeOps.TOP_K, ShapeOps.CAST, LinalgOps.BIAS_ADD}) {
            assertEquals("our kernel", cuda.kernelSource(op), op.name());
        }
    }
}

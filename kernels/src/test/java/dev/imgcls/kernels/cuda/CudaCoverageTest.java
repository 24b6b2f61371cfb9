package dev.imgcls.kernels.cuda;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import dev.imgcls.tensor.Backends;
import dev.imgcls.tensor.OpDef;
import dev.imgcls.tensor.ops.ConvOps;
import dev.imgcls.tensor.ops.LinalgOps;
import dev.imgcls.tensor.ops.NormOps;
import dev.imgcls.tensor.ops.OpRegistry;
import dev.imgcls.tensor.ops.PoolOps;
import dev.imgcls.tensor.spi.Backend;
import org.junit.jupiter.api.Test;

/** Which engine ops the CUDA backend runs (cuBLAS or our kernels) and which it lacks; needs no GPU. */
class CudaCoverageTest {
    @Test
    void listsCoveredAndMissingOps() {
        Backend cuda = Backends.byName(CudaBackend.NAME);
        Set<String> ours = new TreeSet<>();
        Set<String> missing = new TreeSet<>();
        for (OpDef<?> op : OpRegistry.all()) {
            if (op.isView() || op == LinalgOps.MATMUL) {
                continue;
            }
            (cuda.kernel(op) == null ? missing : ours).add(op.name());
        }
        System.out.println("[CudaCoverageTest] cuBLAS: [matmul]");
        System.out.println("[CudaCoverageTest] hand-written kernels (" + ours.size() + "): " + ours);
        System.out.println("[CudaCoverageTest] missing (" + missing.size() + "): " + missing);
        assertTrue(cuda.kernel(LinalgOps.MATMUL) != null, "matmul via cuBLAS");
        assertTrue(ours.containsAll(List.of("add", "relu", "relu_grad", "swish_grad", "sum", "bias_add", "softmax_cross_entropy", "l2_loss")),
                ours.toString());
        // cuDNN is not wired: no stand-in kernels for its ops.
        for (OpDef<?> op : List.of(ConvOps.CONV2D, PoolOps.MAX_POOL, NormOps.BATCH_NORM_TRAIN)) {
            assertNull(cuda.kernel(op), op.name());
        }
    }
}

package dev.imgcls.train.doctor;

import dev.imgcls.tensor.Backends;
import dev.imgcls.tensor.OpDef;
import dev.imgcls.tensor.ops.OpRegistry;
import dev.imgcls.tensor.spi.Backend;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The catalogue has a case for every op the CUDA backend runs and every op of the engine, each with a stated tolerance. */
class OpSelfCheckCoverageTest {
    @Test
    void everyOpOfTheCudaKernelTableHasACase() {
        // By name: kernels-cuda is on train's class path (the jar ships it), and its kernel table answers without a GPU.
        Backend cuda = Backends.byName("cuda");
        List<String> cudaOps = new ArrayList<>();
        List<String> uncovered = new ArrayList<>();
        for (OpDef<?> op : OpRegistry.all()) {
            if (cuda.kernel(op) != null) {
                cudaOps.add(op.name());
                if (OpCatalogue.casesFor(op).isEmpty()) {
                    uncovered.add(op.name());
                }
            }
        }
        assertTrue(cudaOps.size() >= 50, "the CUDA kernel table lists only " + cudaOps);
        assertEquals(List.of(), uncovered, "CUDA kernels without a self-check case in OpCatalogue");
    }

    @Test
    void everyOpOfTheEngineHasACase() {
        assertEquals(List.of(), OpCatalogue.opsWithoutCases().stream().map(OpDef::name).toList(), "ops without a case in OpCatalogue");
    }

    @Test
    void everyCaseStatesWhyItsToleranceIsWhatItIs() {
        for (OpCase<?> c : OpCatalogue.cases()) {
            assertFalse(c.tolerance().why().isBlank(), c + " has a tolerance without a reason");
        }
    }
}

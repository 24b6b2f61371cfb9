package dev.imgcls.kernels.engine;

import dev.imgcls.kernels.testing.OpCheck;
import dev.imgcls.tensor.OpDef;
import dev.imgcls.tensor.ops.OpRegistry;
import dev.imgcls.tensor.spi.Backend;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Lists which registered ops each backend lacks; the CPU and reference backends must lack none. */
class BackendCoverageTest {
    static List<String> missing(Backend b) {
        List<String> out = new ArrayList<>();
        for (OpDef<?> op : OpRegistry.all()) {
            if (!op.isView() && b.kernel(op) == null) {
                out.add(op.name());
            }
        }
        return out;
    }

    @Test
    void cpuAndReferenceBackendsImplementEveryOp() {
        System.out.println("registered ops (" + OpRegistry.all().size() + "): " + OpRegistry.all());
        for (Backend b : List.of(OpCheck.CPU, OpCheck.REFERENCE)) {
            List<String> m = missing(b);
            System.out.println("backend " + b.name() + " lacks: " + m);
            assertEquals(List.of(), m, "ops without a kernel in backend " + b.name());
        }
        assertTrue(OpRegistry.all().size() >= 10);
    }
}

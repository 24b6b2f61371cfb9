package dev.imgcls.tensor.ops;

import dev.imgcls.tensor.OpDef;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every op must declare on its OpDef, checked over {@link OpRegistry#all()}. Kernels and the
 * SavedModel translation are checked where they live (BackendCoverageTest, NetworkTranslationTest).
 */
class OpDeclarationTest {

    @Test
    void opNamesAreUnique() {
        Set<String> names = new HashSet<>();
        for (OpDef<?> op : OpRegistry.all()) {
            assertTrue(names.add(op.name()), "two ops named " + op.name());
        }
    }

    @Test
    void everyOpDeclaresAProfileKind() {
        List<String> without = new ArrayList<>();
        for (OpDef<?> op : OpRegistry.all()) {
            if (op.kind() == null) {
                without.add(op.name());
            }
        }
        assertEquals(List.of(), without, "ops without profiledAs(OpKind)");
    }

    /** Dense-math kinds report GFLOP/s, so their ops must count FLOPs; other ops must not (they would skew the totals). */
    @Test
    void flopRulesExactlyWhereTheKindCountsFlops() {
        List<String> wrong = new ArrayList<>();
        for (OpDef<?> op : OpRegistry.all()) {
            boolean counts = op.kind() != null && op.kind().countsFlops();
            if (counts != (op.flopRule() != null)) {
                wrong.add(op.name() + " (" + op.kind() + ", rule " + (op.flopRule() != null) + ")");
            }
        }
        assertEquals(List.of(), wrong, "ops whose FLOP rule does not match their kind");
        assertFalse(ConvOps.CONV2D.flopRule() == null || LinalgOps.MATMUL.flopRule() == null);
    }
}

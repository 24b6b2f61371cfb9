package dev.imgcls.nn;

import dev.imgcls.nn.optim.MomentumSettings;
import dev.imgcls.nn.optim.Optimizer;
import dev.imgcls.tensor.MemoryScope;
import dev.imgcls.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A parameter update written inside a step's memory scope keeps the new weights without keep/detach. */
class VariableAssignTest {
    private static final float[] START = {1, -2, 3};

    @Test
    @SuppressWarnings("try")
    void handWrittenSgdStepSurvivesTheStepScope() {
        Variable w = new VariableStore().create("dense", "kernel", Variable.Role.KERNEL, Tensor.of(START, 3));
        Tensor oldGrad;
        try (MemoryScope step = MemoryScope.open()) {
            w.value().mul(w.value()).sum().backward(); // d/dw sum(w²) = 2w
            oldGrad = w.grad();
            w.assign(w.value().sub(w.grad().mul(0.25))); // w − 0.25·2w = w/2, built in the scope, not kept
        }
        assertFalse(w.value().isReleased());
        assertArrayEquals(new float[] {0.5f, -1, 1.5f}, w.value().toFloatArray());
        assertTrue(w.value().requiresGrad() && w.value().isLeaf(), "the new value is a fresh trainable leaf");
        assertNull(w.grad(), "the new value starts without a gradient");
        assertTrue(oldGrad.isReleased(), "the old value's gradient went with it");
    }

    @Test
    @SuppressWarnings("try")
    void optimizerStepsInsideScopesKeepTrainingTheSameVariables() {
        Variable w = new VariableStore().create("dense", "kernel", Variable.Role.KERNEL, Tensor.of(START, 3));
        Optimizer sgd = new MomentumSettings(0, false).create(List.of(w)); // momentum 0 is plain SGD
        for (int i = 0; i < 2; i++) {
            try (MemoryScope step = MemoryScope.open()) {
                w.value().mul(w.value()).sum().backward();
                sgd.apply(0.25);
            }
            assertFalse(w.value().isReleased());
            assertNull(w.grad(), "apply consumes the gradients");
        }
        assertArrayEquals(new float[] {0.25f, -0.5f, 0.75f}, w.value().toFloatArray()); // halved twice
    }
}

package dev.imgcls.train.cli;

import dev.imgcls.nn.optim.OptimizerType;
import dev.imgcls.nn.schedule.DecayType;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LibraryChoicesTest {
    @Test
    void flagValuesAreTheLibraryIds() {
        for (OptimizerType t : OptimizerType.values()) {
            assertEquals(t, LibraryChoices.optimizerType(t.id()));
        }
        assertEquals(OptimizerType.RMSPROP, LibraryChoices.optimizerType("rmsprop"));
        assertEquals(DecayType.STEPWISE, LibraryChoices.decayType("stepwise"));
    }

    @Test
    void unknownValuesNameTheFlagAndTheChoices() {
        assertEquals("unknown learning_rate_decay_type 'linear'; choose one of cosine, stepwise",
                assertThrows(IllegalArgumentException.class, () -> LibraryChoices.decayType("linear")).getMessage());
        assertEquals("unknown optimizer_type 'sgd'; choose one of momentum, adam, rmsprop",
                assertThrows(IllegalArgumentException.class, () -> LibraryChoices.optimizerType("sgd")).getMessage());
    }
}

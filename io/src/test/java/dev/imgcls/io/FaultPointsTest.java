package dev.imgcls.io;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fault specification the fault-injection suite passes; the faults themselves act in its subprocesses. */
class FaultPointsTest {
    @Test
    void parsesPointsOccurrencesAndKinds() {
        assertEquals("[Fault[point=model.switched, occurrence=1, crash=true], Fault[point=atomic-file.open, occurrence=12, crash=false]]",
                FaultPoints.parse("model.switched:crash, atomic-file.open@12:enospc").toString());
        assertTrue(FaultPoints.parse("").isEmpty());
    }

    @Test
    void aMistypedSpecificationIsRefusedNotIgnored() {
        IllegalArgumentException noKind = assertThrows(IllegalArgumentException.class, () -> FaultPoints.parse("model.switched"));
        assertTrue(noKind.getMessage().contains("'model.switched' is not POINT[@N]:crash|enospc"), noKind.getMessage());
        IllegalArgumentException badKind = assertThrows(IllegalArgumentException.class, () -> FaultPoints.parse("job.step@3:explode"));
        assertTrue(badKind.getMessage().contains("unknown fault 'explode'"), badKind.getMessage());
    }
}

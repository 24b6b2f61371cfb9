package dev.imgcls.kernels.cpu;

import jdk.incubator.vector.FloatVector;

/** Touches the Vector API; loaded only after the module is known to be present. */
final class VectorProbe {
    private VectorProbe() {
    }

    static int preferredFloatLanes() {
        return FloatVector.SPECIES_PREFERRED.length();
    }
}

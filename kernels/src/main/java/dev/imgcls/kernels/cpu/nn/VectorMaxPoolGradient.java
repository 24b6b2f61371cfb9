package dev.imgcls.kernels.cpu.nn;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The max-pool gradient of one window, a vector of channels at a time: the argmax is kept as a
 * per-lane tap number (a float, so one mask type serves compare and blend), then each tap adds dy
 * to the lanes it won. Same tie rule as the scalar loop: the first strict maximum in scan order
 * (a later equal value or NaN never replaces it). Load only after {@code VectorSupport.enabled()}.
 */
final class VectorMaxPoolGradient {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private VectorMaxPoolGradient() {
    }

    /**
     * dx[argmax] += dy for channels [0, width) of a window whose taps start at {@code taps[t] + c0}
     * in x and dx, with dy at {@code o}; returns how many leading channels it handled (whole vectors).
     */
    static int window(float[] x, float[] dy, float[] dx, int[] taps, int count, int c0, int width, int o) {
        int lanes = S.length();
        int c = 0;
        for (; c + lanes <= width; c += lanes) {
            FloatVector best = FloatVector.fromArray(S, x, taps[0] + c0 + c);
            FloatVector at = FloatVector.zero(S);
            for (int t = 1; t < count; t++) {
                FloatVector v = FloatVector.fromArray(S, x, taps[t] + c0 + c);
                VectorMask<Float> greater = v.compare(VectorOperators.GT, best);
                best = best.blend(v, greater);
                at = at.blend((float) t, greater);
            }
            FloatVector g = FloatVector.fromArray(S, dy, o + c);
            for (int t = 0; t < count; t++) {
                VectorMask<Float> won = at.compare(VectorOperators.EQ, (float) t);
                if (won.anyTrue()) {
                    int p = taps[t] + c0 + c;
                    FloatVector.fromArray(S, dx, p).add(g, won).intoArray(dx, p);
                }
            }
        }
        return c;
    }
}

package dev.imgcls.train.doctor;

import dev.imgcls.train.doctor.OpRunner.Output;

import java.util.Arrays;

/**
 * Compares a candidate's outputs with the reference's under a tolerance: the largest absolute
 * error, the largest relative error (over elements whose reference magnitude exceeds the
 * tolerance's absolute part, where a ratio means something), and the first element outside.
 * Integer outputs are compared exactly whatever the tolerance.
 */
final class OutputComparison {
    /** What the comparison found; {@code problem} is empty when every element is within tolerance. */
    record Found(double maxAbsError, double maxRelError, String problem) {
        boolean within() {
            return problem.isEmpty();
        }
    }

    private OutputComparison() {
    }

    /** Outputs against the reference's; {@code what} names them in the problem ("output", "input"). */
    static Found compare(Output[] expected, Output[] actual, Tolerance tolerance, String what) {
        if (expected.length != actual.length) {
            return new Found(Double.NaN, Double.NaN, actual.length + " " + what + "s where the reference gave " + expected.length);
        }
        double maxAbs = 0;
        double maxRel = 0;
        String problem = "";
        for (int o = 0; o < expected.length; o++) {
            Output e = expected[o];
            Output a = actual[o];
            String which = what + " " + o;
            if (e.dtype() != a.dtype() || !Arrays.equals(e.dims(), a.dims())) {
                return new Found(Double.NaN, Double.NaN, which + " is " + Shapes.compact(a.dims()) + " " + Shapes.dtypeName(a.dtype())
                        + " where the reference gave " + Shapes.compact(e.dims()) + " " + Shapes.dtypeName(e.dtype()));
            }
            Tolerance tol = e.dtype().isFloating() ? tolerance : Tolerances.DATA;
            int outside = 0;
            int first = -1;
            for (int i = 0; i < e.values().length; i++) {
                double ev = e.values()[i];
                double av = a.values()[i];
                if (!tol.allows(ev, av)) {
                    outside++;
                    first = first < 0 ? i : first;
                }
                if (Double.isFinite(ev) && Double.isFinite(av)) {
                    double err = Math.abs(av - ev);
                    maxAbs = Math.max(maxAbs, err);
                    if (Math.abs(ev) > tol.abs() && ev != 0) {
                        maxRel = Math.max(maxRel, err / Math.abs(ev));
                    }
                } else if (Double.compare(ev, av) != 0 && !(Double.isNaN(ev) && Double.isNaN(av))) {
                    maxAbs = Double.POSITIVE_INFINITY;
                    maxRel = Double.POSITIVE_INFINITY;
                }
            }
            if (outside > 0 && problem.isEmpty()) {
                problem = which + ": " + outside + " of " + e.values().length + " elements outside " + tol + ", first at " + first + ": "
                        + a.values()[first] + " where the reference gave " + e.values()[first];
            }
        }
        return new Found(maxAbs, maxRel, problem);
    }
}

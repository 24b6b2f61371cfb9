package dev.imgcls.export.warmstart;

import java.util.Arrays;

/**
 * What a warm start did with one model variable.
 *
 * @param variable         the model variable's name
 * @param outcome          loaded, loaded from the moving-average shadow, or kept at its fresh initialisation and why
 * @param checkpointName   the checkpoint variable it was (or would have been) loaded from; null when missing
 * @param checkpointShape  that variable's shape; null when missing
 * @param modelShape       the model variable's shape
 */
public record VariableLoad(String variable, Outcome outcome, String checkpointName, long[] checkpointShape, int[] modelShape) {

    public enum Outcome {
        /** Loaded from the checkpoint variable of the same name. */
        LOADED,
        /** Loaded from the checkpoint's {@code <name>/ExponentialMovingAverage} shadow. */
        LOADED_FROM_EMA,
        /** Kept fresh: the checkpoint has no such variable. */
        MISSING,
        /** Kept fresh: the checkpoint's variable has another shape (e.g. a head for another num_classes). */
        SHAPE_MISMATCH;

        public boolean loaded() {
            return this == LOADED || this == LOADED_FROM_EMA;
        }
    }

    public VariableLoad {
        checkpointShape = checkpointShape == null ? null : checkpointShape.clone();
        modelShape = modelShape.clone();
    }

    @Override
    public long[] checkpointShape() {
        return checkpointShape == null ? null : checkpointShape.clone();
    }

    @Override
    public int[] modelShape() {
        return modelShape.clone();
    }

    /** Number of values in the model variable. */
    public long parameters() {
        long n = 1;
        for (int d : modelShape) {
            n *= d;
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VariableLoad v && variable.equals(v.variable) && outcome == v.outcome
                && java.util.Objects.equals(checkpointName, v.checkpointName) && Arrays.equals(checkpointShape, v.checkpointShape)
                && Arrays.equals(modelShape, v.modelShape);
    }

    @Override
    public int hashCode() {
        return variable.hashCode() * 31 + outcome.hashCode();
    }

    @Override
    public String toString() {
        return variable + " " + outcome + (checkpointName == null ? "" : " <- " + checkpointName + " " + Arrays.toString(checkpointShape));
    }
}

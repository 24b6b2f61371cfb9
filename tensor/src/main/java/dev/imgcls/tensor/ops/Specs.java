package dev.imgcls.tensor.ops;

import dev.imgcls.tensor.DType;
import dev.imgcls.tensor.TensorSpec;

/** Checks shared by shape rules; each throws IllegalArgumentException with the reason. */
public final class Specs {
    private Specs() {
    }

    public static void requireFloating(TensorSpec s, String what) {
        if (!s.dtype().isFloating()) {
            throw new IllegalArgumentException(what + " must be FLOAT32 or FLOAT64, got " + s.dtype());
        }
    }

    public static void requireSameDType(TensorSpec a, TensorSpec b) {
        if (a.dtype() != b.dtype()) {
            throw new IllegalArgumentException("dtypes differ: " + a.dtype() + " and " + b.dtype());
        }
    }

    public static void requireRank(TensorSpec s, int rank, String what) {
        if (s.shape().rank() != rank) {
            throw new IllegalArgumentException(what + " must have rank " + rank + ", got shape " + s.shape());
        }
    }

    public static void requireInteger(TensorSpec s, String what) {
        if (s.dtype() != DType.INT32 && s.dtype() != DType.INT64) {
            throw new IllegalArgumentException(what + " must be INT32 or INT64, got " + s.dtype());
        }
    }

    public static TensorSpec[] one(TensorSpec s) {
        return new TensorSpec[] {s};
    }
}

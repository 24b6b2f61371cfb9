package dev.imgcls.tensor.profile;

import dev.imgcls.tensor.Tensor;

/**
 * How an op counts its floating-point operations, declared on the op's {@code OpDef} so a new
 * dense-math op gets GFLOP/s in profiles without touching the profiler. FLOPs count 2 per
 * multiply-add (the usual convention, so GFLOP/s compares with published numbers).
 *
 * @param <A> the op's attribute record
 */
public interface FlopRule<A> {
    /** FLOPs of one call with these attrs and inputs. */
    long flops(A attrs, Tensor[] inputs);

    /**
     * A compact problem size for the per-shape profile table, e.g. {@code 3x3/2 64->128 @56x56 n32}
     * for a convolution or {@code 1024x1000x2048} (M×N×K) for a matmul.
     */
    String problem(A attrs, Tensor[] inputs);
}

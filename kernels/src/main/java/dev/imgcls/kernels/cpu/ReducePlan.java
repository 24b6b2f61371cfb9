package dev.imgcls.kernels.cpu;

import dev.imgcls.tensor.Shape;

import java.util.Arrays;

/**
 * A reduction seen as {@code [outer, reduced, inner] → [outer, inner]}: possible when the
 * reduced axes of size > 1 form one contiguous block (sum over H,W of NHWC, over the batch for
 * a bias gradient, over the last axis...). Other axis sets are first transposed into that form:
 * {@link #permutation} lists the kept axes, then the reduced ones.
 */
record ReducePlan(int outer, int reduced, int inner) {

    /** The plan for reducing {@code axes} (sorted, distinct) of {@code in}, or null when they are not one block. */
    static ReducePlan of(Shape in, int[] axes) {
        boolean[] isReduced = new boolean[in.rank()];
        for (int a : axes) {
            isReduced[a] = true;
        }
        int first = -1;
        int last = -1;
        for (int d = 0; d < in.rank(); d++) {
            if (isReduced[d] && in.dim(d) > 1) {
                first = first < 0 ? d : first;
                last = d;
            }
        }
        if (first < 0) {
            return new ReducePlan(in.numel(), 1, 1);
        }
        for (int d = first; d <= last; d++) {
            if (!isReduced[d] && in.dim(d) > 1) {
                return null;
            }
        }
        int[] dims = in.dims();
        return new ReducePlan(product(dims, 0, first), product(dims, first, last + 1), product(dims, last + 1, dims.length));
    }

    /** Kept axes in order, then reduced axes in order: after this transpose the plan is [kept, reduced, 1]. */
    static int[] permutation(int rank, int[] axes) {
        int[] perm = new int[rank];
        int j = 0;
        for (int d = 0; d < rank; d++) {
            if (Arrays.binarySearch(axes, d) < 0) {
                perm[j++] = d;
            }
        }
        for (int a : axes) {
            perm[j++] = a;
        }
        return perm;
    }

    private static int product(int[] dims, int from, int to) {
        int p = 1;
        for (int i = from; i < to; i++) {
            p *= dims[i];
        }
        return p;
    }
}

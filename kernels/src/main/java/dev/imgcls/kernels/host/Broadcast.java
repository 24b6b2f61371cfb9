package dev.imgcls.kernels.host;

import dev.imgcls.tensor.Shape;

/** Index arithmetic for NumPy broadcasting over row-major host arrays. */
public final class Broadcast {
    private Broadcast() {
    }

    /**
     * Strides of {@code in} laid against the dimensions of {@code out} (rank of out), with stride 0
     * on broadcast dimensions, so that offset = Σ index[d]·stride[d].
     */
    public static int[] stridesAgainst(Shape in, Shape out) {
        int[] s = new int[out.rank()];
        int[] inStrides = in.strides();
        int lead = out.rank() - in.rank();
        for (int d = lead; d < out.rank(); d++) {
            s[d] = in.dim(d - lead) == 1 ? 0 : inStrides[d - lead];
        }
        return s;
    }

    /** For every flat index of {@code out}, the flat index of {@code in} that broadcasts to it. */
    public static int[] sourceIndex(Shape in, Shape out) {
        int[] strides = stridesAgainst(in, out);
        int[] dims = out.dims();
        int[] idx = new int[out.numel()];
        int[] counter = new int[dims.length];
        int offset = 0;
        for (int i = 0; i < idx.length; i++) {
            idx[i] = offset;
            for (int d = dims.length - 1; d >= 0; d--) {
                counter[d]++;
                offset += strides[d];
                if (counter[d] < dims[d]) {
                    break;
                }
                offset -= strides[d] * counter[d];
                counter[d] = 0;
            }
        }
        return idx;
    }
}

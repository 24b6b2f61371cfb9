package dev.imgcls.export.checkpoint;

import dev.imgcls.export.proto.DataType;
import dev.imgcls.tensor.Shape;

import java.util.Arrays;

/**
 * What a checkpoint's index says about one variable, known without reading its data: name,
 * stored dtype, shape, and whether it was saved partitioned (as slices, which we do not read).
 */
public final class VariableInfo {

    private final String name;
    private final DataType dtype;
    private final long[] dims;
    private final int sliceCount;

    VariableInfo(String name, DataType dtype, long[] dims, int sliceCount) {
        this.name = name;
        this.dtype = dtype;
        this.dims = dims.clone();
        this.sliceCount = sliceCount;
    }

    public String name() {
        return name;
    }

    /** The dtype as stored (e.g. DT_HALF even though it reads as a FLOAT32 tensor). */
    public DataType dtype() {
        return dtype;
    }

    public long[] dims() {
        return dims.clone();
    }

    public int rank() {
        return dims.length;
    }

    /** The shape as our engine's {@link Shape}; fails for a tensor of 2^31 or more elements. */
    public Shape shape() {
        int[] d = new int[dims.length];
        for (int i = 0; i < d.length; i++) {
            if (dims[i] > Integer.MAX_VALUE) {
                throw new IllegalStateException("variable '" + name + "' has dimension " + dims[i] + ", too large for a tensor");
            }
            d[i] = (int) dims[i];
        }
        return Shape.of(d);
    }

    public long numElements() {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        return n;
    }

    public boolean isPartitioned() {
        return sliceCount > 0;
    }

    /** Number of stored slices of a partitioned variable; 0 for an ordinary one. */
    public int sliceCount() {
        return sliceCount;
    }

    /** {@code name (DT_FLOAT) [3,3,16,32]}, as TensorFlow's checkpoint reader prints a variable. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(name).append(" (").append(TensorTypes.name(dtype)).append(") [");
        for (int i = 0; i < dims.length; i++) {
            s.append(i == 0 ? "" : ",").append(dims[i]);
        }
        return s.append(']').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VariableInfo v && name.equals(v.name) && dtype == v.dtype && Arrays.equals(dims, v.dims)
                && sliceCount == v.sliceCount;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(dims);
    }
}

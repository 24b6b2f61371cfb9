package dev.imgcls.tensor.ops;

import dev.imgcls.tensor.OpDef;
import dev.imgcls.tensor.Shape;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.TensorSpec;

/** Ops that move data without arithmetic: reshape (a view), transpose, pad, concat, slice, cast… */
public final class ShapeOps {
    private ShapeOps() {
    }

    /** New dimensions; one may be -1 (inferred). */
    public record ReshapeAttrs(int[] dims) {
        public ReshapeAttrs {
            dims = dims.clone();
        }

        Shape resolve(Shape in) {
            int[] d = dims.clone();
            int infer = -1;
            long known = 1;
            for (int i = 0; i < d.length; i++) {
                if (d[i] == -1) {
                    if (infer >= 0) {
                        throw new IllegalArgumentException("more than one -1 in " + java.util.Arrays.toString(dims));
                    }
                    infer = i;
                } else {
                    known *= d[i];
                }
            }
            if (infer >= 0) {
                if (known == 0 || in.numel() % known != 0) {
                    throw new IllegalArgumentException("cannot reshape " + in + " to " + java.util.Arrays.toString(dims));
                }
                d[infer] = (int) (in.numel() / known);
            }
            Shape out = Shape.of(d);
            if (out.numel() != in.numel()) {
                throw new IllegalArgumentException("cannot reshape " + in + " (" + in.numel() + " elements) to " + out);
            }
            return out;
        }
    }

    public static final OpDef<ReshapeAttrs> RESHAPE = OpDef.view("reshape",
            (a, in) -> Specs.one(new TensorSpec(a.resolve(in[0].shape()), in[0].dtype())),
            (a, in, out, g) -> new Tensor[] {reshape(g[0], in[0].shape().dims())});

    public static Tensor reshape(Tensor x, int... dims) {
        return RESHAPE.apply1(new ReshapeAttrs(dims), x);
    }
}

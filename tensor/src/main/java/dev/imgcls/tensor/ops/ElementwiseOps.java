package dev.imgcls.tensor.ops;

import dev.imgcls.tensor.NoAttrs;
import dev.imgcls.tensor.OpDef;
import dev.imgcls.tensor.Shape;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.TensorSpec;

/**
 * Elementwise ops. Binary ops broadcast NumPy-style; their backward sums the gradient back to
 * each input's shape ({@link ReduceOps#sumTo}). Activation gradients are ops of their own
 * ({@code *_grad}) so a backend can fuse them into one pass.
 */
public final class ElementwiseOps {
    private ElementwiseOps() {
    }

    private static TensorSpec[] binaryShape(NoAttrs a, TensorSpec[] in) {
        Specs.requireFloating(in[0], "left operand");
        Specs.requireSameDType(in[0], in[1]);
        return Specs.one(new TensorSpec(Shape.broadcast(in[0].shape(), in[1].shape()), in[0].dtype()));
    }

    private static TensorSpec[] unaryShape(NoAttrs a, TensorSpec[] in) {
        Specs.requireFloating(in[0], "input");
        return Specs.one(in[0]);
    }

    /** Shape rule of (gradient, saved tensor) → gradient helpers. */
    private static TensorSpec[] gradShape(NoAttrs a, TensorSpec[] in) {
        Specs.requireFloating(in[0], "gradient");
        Specs.requireSameDType(in[0], in[1]);
        if (!in[0].shape().equals(in[1].shape())) {
            throw new IllegalArgumentException("gradient shape " + in[0].shape() + " differs from " + in[1].shape());
        }
        return Specs.one(in[0]);
    }

    public static final OpDef<NoAttrs> ADD = OpDef.of("add", 2, ElementwiseOps::binaryShape,
            (a, in, out, g) -> new Tensor[] {ReduceOps.sumTo(g[0], in[0].shape()), ReduceOps.sumTo(g[0], in[1].shape())});

    public static final OpDef<NoAttrs> SUB = OpDef.of("sub", 2, ElementwiseOps::binaryShape,
            (a, in, out, g) -> new Tensor[] {ReduceOps.sumTo(g[0], in[0].shape()), ReduceOps.sumTo(neg(g[0]), in[1].shape())});

    public static final OpDef<NoAttrs> MUL = OpDef.of("mul", 2, ElementwiseOps::binaryShape,
            (a, in, out, g) -> new Tensor[] {ReduceOps.sumTo(mul(g[0], in[1]), in[0].shape()), ReduceOps.sumTo(mul(g[0], in[0]), in[1].shape())});

    /** d(a/b) = g/b, -g·a/b² = -g·out/b. */
    public static final OpDef<NoAttrs> DIV = OpDef.of("div", 2, ElementwiseOps::binaryShape,
            (a, in, out, g) -> new Tensor[] {ReduceOps.sumTo(div(g[0], in[1]), in[0].shape()),
                    ReduceOps.sumTo(neg(div(mul(g[0], out[0]), in[1])), in[1].shape())});

    public static final OpDef<NoAttrs> NEG = OpDef.of("neg", 1, ElementwiseOps::unaryShape,
            (a, in, out, g) -> new Tensor[] {neg(g[0])});

    public static final OpDef<NoAttrs> IDENTITY = OpDef.of("identity", 1, (a, in) -> Specs.one(in[0]),
            (a, in, out, g) -> new Tensor[] {g[0]});

    public static final OpDef<NoAttrs> RELU = OpDef.of("relu", 1, ElementwiseOps::unaryShape,
            (a, in, out, g) -> new Tensor[] {ElementwiseOps.RELU_GRAD.apply1(NoAttrs.NONE, g[0], in[0])});

    /** relu_grad(g, x) = g where x > 0, else 0. */
    public static final OpDef<NoAttrs> RELU_GRAD = OpDef.nonDifferentiable("relu_grad", 2, ElementwiseOps::gradShape);

    public static Tensor add(Tensor a, Tensor b) {
        return ADD.apply1(NoAttrs.NONE, a, b);
    }

    public static Tensor sub(Tensor a, Tensor b) {
        return SUB.apply1(NoAttrs.NONE, a, b);
    }

    public static Tensor mul(Tensor a, Tensor b) {
        return MUL.apply1(NoAttrs.NONE, a, b);
    }

    public static Tensor div(Tensor a, Tensor b) {
        return DIV.apply1(NoAttrs.NONE, a, b);
    }

    public static Tensor neg(Tensor x) {
        return NEG.apply1(NoAttrs.NONE, x);
    }

    public static Tensor identity(Tensor x) {
        return IDENTITY.apply1(NoAttrs.NONE, x);
    }

    public static Tensor relu(Tensor x) {
        return RELU.apply1(NoAttrs.NONE, x);
    }
}

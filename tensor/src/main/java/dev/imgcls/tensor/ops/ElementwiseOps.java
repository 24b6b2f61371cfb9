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

    /** 1 / (1 + e^−x); the backward reads the output, as TF's SigmoidGrad does. */
    public static final OpDef<NoAttrs> SIGMOID = OpDef.of("sigmoid", 1, ElementwiseOps::unaryShape,
            (a, in, out, g) -> new Tensor[] {ElementwiseOps.SIGMOID_GRAD.apply1(NoAttrs.NONE, g[0], out[0])});

    /** sigmoid_grad(g, y) = g·y·(1 − y), with y the sigmoid output. */
    public static final OpDef<NoAttrs> SIGMOID_GRAD = OpDef.nonDifferentiable("sigmoid_grad", 2, ElementwiseOps::gradShape);

    public static final OpDef<NoAttrs> TANH = OpDef.of("tanh", 1, ElementwiseOps::unaryShape,
            (a, in, out, g) -> new Tensor[] {ElementwiseOps.TANH_GRAD.apply1(NoAttrs.NONE, g[0], out[0])});

    /** tanh_grad(g, y) = g·(1 − y²), with y the tanh output. */
    public static final OpDef<NoAttrs> TANH_GRAD = OpDef.nonDifferentiable("tanh_grad", 2, ElementwiseOps::gradShape);

    /** x·sigmoid(x), as tf.nn.swish (EfficientNet's activation); the backward reads the input. */
    public static final OpDef<NoAttrs> SWISH = OpDef.of("swish", 1, ElementwiseOps::unaryShape,
            (a, in, out, g) -> new Tensor[] {ElementwiseOps.SWISH_GRAD.apply1(NoAttrs.NONE, g[0], in[0])});

    /** swish_grad(g, x) = g·(s + x·s·(1 − s)) with s = sigmoid(x). */
    public static final OpDef<NoAttrs> SWISH_GRAD = OpDef.nonDifferentiable("swish_grad", 2, ElementwiseOps::gradShape);

    /** e^x; d/dx = e^x, the output itself. */
    public static final OpDef<NoAttrs> EXP = OpDef.of("exp", 1, ElementwiseOps::unaryShape,
            (a, in, out, g) -> new Tensor[] {mul(g[0], out[0])});

    /** Natural logarithm (NaN below 0, −∞ at 0, as TF); d/dx = 1/x. */
    public static final OpDef<NoAttrs> LOG = OpDef.of("log", 1, ElementwiseOps::unaryShape,
            (a, in, out, g) -> new Tensor[] {div(g[0], in[0])});

    /** √x; d/dx = 1/(2√x) = 0.5/y. */
    public static final OpDef<NoAttrs> SQRT = OpDef.of("sqrt", 1, ElementwiseOps::unaryShape,
            (a, in, out, g) -> new Tensor[] {div(g[0], out[0]).mul(0.5)});

    /** 1/√x (batch-norm's scale); d/dx = −0.5·x^−3/2 = −0.5·y³. */
    public static final OpDef<NoAttrs> RSQRT = OpDef.of("rsqrt", 1, ElementwiseOps::unaryShape,
            (a, in, out, g) -> new Tensor[] {mul(g[0], mul(square(out[0]), out[0])).mul(-0.5)});

    /** x²; d/dx = 2x. */
    public static final OpDef<NoAttrs> SQUARE = OpDef.of("square", 1, ElementwiseOps::unaryShape,
            (a, in, out, g) -> new Tensor[] {mul(g[0], in[0]).mul(2.0)});

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

    public static Tensor sigmoid(Tensor x) {
        return SIGMOID.apply1(NoAttrs.NONE, x);
    }

    public static Tensor tanh(Tensor x) {
        return TANH.apply1(NoAttrs.NONE, x);
    }

    public static Tensor swish(Tensor x) {
        return SWISH.apply1(NoAttrs.NONE, x);
    }

    public static Tensor exp(Tensor x) {
        return EXP.apply1(NoAttrs.NONE, x);
    }

    public static Tensor log(Tensor x) {
        return LOG.apply1(NoAttrs.NONE, x);
    }

    public static Tensor sqrt(Tensor x) {
        return SQRT.apply1(NoAttrs.NONE, x);
    }

    public static Tensor rsqrt(Tensor x) {
        return RSQRT.apply1(NoAttrs.NONE, x);
    }

    public static Tensor square(Tensor x) {
        return SQUARE.apply1(NoAttrs.NONE, x);
    }
}

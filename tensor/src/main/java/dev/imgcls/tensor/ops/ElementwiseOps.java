package dev.imgcls.tensor.ops;

import dev.imgcls.tensor.NoAttrs;
import dev.imgcls.tensor.OpDef;
import dev.imgcls.tensor.Shape;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.TensorSpec;
import dev.imgcls.tensor.profile.OpKind;

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

    public static final OpDef<NoAttrs> ADD = OpDef.<NoAttrs>of("add", 2, ElementwiseOps::binaryShape,
            (a, in, out, g, needsGrad) -> new Tensor[] {ReduceOps.sumTo(g[0], in[0].shape()), ReduceOps.sumTo(g[0], in[1].shape())})
            .profiledAs(OpKind.ELEMENTWISE);

    public static final OpDef<NoAttrs> SUB = OpDef.<NoAttrs>of("sub", 2, ElementwiseOps::binaryShape,
            (a, in, out, g, needsGrad) -> new Tensor[] {ReduceOps.sumTo(g[0], in[0].shape()), ReduceOps.sumTo(neg(g[0]), in[1].shape())})
            .profiledAs(OpKind.ELEMENTWISE);

    public static final OpDef<NoAttrs> MUL = OpDef.<NoAttrs>of("mul", 2, ElementwiseOps::binaryShape,
            (a, in, out, g, needsGrad) -> new Tensor[] {ReduceOps.sumTo(mul(g[0], in[1]), in[0].shape()), ReduceOps.sumTo(mul(g[0], in[0]), in[1].shape())})
            .profiledAs(OpKind.ELEMENTWISE);

    /** d(a/b) = g/b, -g·a/b² = -g·out/b. */
    public static final OpDef<NoAttrs> DIV = OpDef.<NoAttrs>of("div", 2, ElementwiseOps::binaryShape,
            (a, in, out, g, needsGrad) -> new Tensor[] {ReduceOps.sumTo(div(g[0], in[1]), in[0].shape()),
                    ReduceOps.sumTo(neg(div(mul(g[0], out[0]), in[1])), in[1].shape())})
            .profiledAs(OpKind.ELEMENTWISE);

    public static final OpDef<NoAttrs> NEG = OpDef.<NoAttrs>of("neg", 1, ElementwiseOps::unaryShape,
            (a, in, out, g, needsGrad) -> new Tensor[] {neg(g[0])})
            .profiledAs(OpKind.ELEMENTWISE);

    public static final OpDef<NoAttrs> IDENTITY = OpDef.<NoAttrs>of("identity", 1, (a, in) -> Specs.one(in[0]),
            (a, in, out, g, needsGrad) -> new Tensor[] {g[0]})
            .profiledAs(OpKind.ELEMENTWISE);

    public static final OpDef<NoAttrs> RELU = OpDef.<NoAttrs>of("relu", 1, ElementwiseOps::unaryShape,
            (a, in, out, g, needsGrad) -> new Tensor[] {ElementwiseOps.RELU_GRAD.apply1(NoAttrs.NONE, g[0], in[0])})
            .profiledAs(OpKind.ELEMENTWISE);

    /** relu_grad(g, x) = g where x > 0, else 0. */
    public static final OpDef<NoAttrs> RELU_GRAD = OpDef.<NoAttrs>nonDifferentiable("relu_grad", 2, ElementwiseOps::gradShape)
            .profiledAs(OpKind.ELEMENTWISE);

    /** 1 / (1 + e^−x); the backward reads the output, as TF's SigmoidGrad does. */
    public static final OpDef<NoAttrs> SIGMOID = OpDef.<NoAttrs>of("sigmoid", 1, ElementwiseOps::unaryShape,
            (a, in, out, g, needsGrad) -> new Tensor[] {ElementwiseOps.SIGMOID_GRAD.apply1(NoAttrs.NONE, g[0], out[0])})
            .profiledAs(OpKind.ELEMENTWISE);

    /** sigmoid_grad(g, y) = g·y·(1 − y), with y the sigmoid output. */
    public static final OpDef<NoAttrs> SIGMOID_GRAD = OpDef.<NoAttrs>nonDifferentiable("sigmoid_grad", 2, ElementwiseOps::gradShape)
            .profiledAs(OpKind.ELEMENTWISE);

    public static final OpDef<NoAttrs> TANH = OpDef.<NoAttrs>of("tanh", 1, ElementwiseOps::unaryShape,
            (a, in, out, g, needsGrad) -> new Tensor[] {ElementwiseOps.TANH_GRAD.apply1(NoAttrs.NONE, g[0], out[0])})
            .profiledAs(OpKind.ELEMENTWISE);

    /** tanh_grad(g, y) = g·(1 − y²), with y the tanh output. */
    public static final OpDef<NoAttrs> TANH_GRAD = OpDef.<NoAttrs>nonDifferentiable("tanh_grad", 2, ElementwiseOps::gradShape)
            .profiledAs(OpKind.ELEMENTWISE);

    /** x·sigmoid(x), as tf.nn.swish (EfficientNet's activation); the backward reads the input. */
    public static final OpDef<NoAttrs> SWISH = OpDef.<NoAttrs>of("swish", 1, ElementwiseOps::unaryShape,
            (a, in, out, g, needsGrad) -> new Tensor[] {ElementwiseOps.SWISH_GRAD.apply1(NoAttrs.NONE, g[0], in[0])})
            .profiledAs(OpKind.ELEMENTWISE);

    /** swish_grad(g, x) = g·(s + x·s·(1 − s)) with s = sigmoid(x). */
    public static final OpDef<NoAttrs> SWISH_GRAD = OpDef.<NoAttrs>nonDifferentiable("swish_grad", 2, ElementwiseOps::gradShape)
            .profiledAs(OpKind.ELEMENTWISE);

    /** x·½(1 + erf(x/√2)), as tf.nn.gelu with approximate=False (TF's default); the backward reads the input. */
    public static final OpDef<NoAttrs> GELU = OpDef.<NoAttrs>of("gelu", 1, ElementwiseOps::unaryShape,
            (a, in, out, g, needsGrad) -> new Tensor[] {ElementwiseOps.GELU_GRAD.apply1(NoAttrs.NONE, g[0], in[0])})
            .profiledAs(OpKind.ELEMENTWISE);

    /** gelu_grad(g, x) = g·(½(1 + erf(x/√2)) + x·φ(x)) with φ the standard normal density. */
    public static final OpDef<NoAttrs> GELU_GRAD = OpDef.<NoAttrs>nonDifferentiable("gelu_grad", 2, ElementwiseOps::gradShape)
            .profiledAs(OpKind.ELEMENTWISE);

    /** e^x; d/dx = e^x, the output itself. */
    public static final OpDef<NoAttrs> EXP = OpDef.<NoAttrs>of("exp", 1, ElementwiseOps::unaryShape,
            (a, in, out, g, needsGrad) -> new Tensor[] {mul(g[0], out[0])})
            .profiledAs(OpKind.ELEMENTWISE);

    /** Natural logarithm (NaN below 0, −∞ at 0, as TF); d/dx = 1/x. */
    public static final OpDef<NoAttrs> LOG = OpDef.<NoAttrs>of("log", 1, ElementwiseOps::unaryShape,
            (a, in, out, g, needsGrad) -> new Tensor[] {div(g[0], in[0])})
            .profiledAs(OpKind.ELEMENTWISE);

    /** √x; d/dx = 1/(2√x) = 0.5/y. */
    public static final OpDef<NoAttrs> SQRT = OpDef.<NoAttrs>of("sqrt", 1, ElementwiseOps::unaryShape,
            (a, in, out, g, needsGrad) -> new Tensor[] {div(g[0], out[0]).mul(0.5)})
            .profiledAs(OpKind.ELEMENTWISE);

    /** 1/√x (batch-norm's scale); d/dx = −0.5·x^−3/2 = −0.5·y³. */
    public static final OpDef<NoAttrs> RSQRT = OpDef.<NoAttrs>of("rsqrt", 1, ElementwiseOps::unaryShape,
            (a, in, out, g, needsGrad) -> new Tensor[] {mul(g[0], mul(square(out[0]), out[0])).mul(-0.5)})
            .profiledAs(OpKind.ELEMENTWISE);

    /** x²; d/dx = 2x. */
    public static final OpDef<NoAttrs> SQUARE = OpDef.<NoAttrs>of("square", 1, ElementwiseOps::unaryShape,
            (a, in, out, g, needsGrad) -> new Tensor[] {mul(g[0], in[0]).mul(2.0)})
            .profiledAs(OpKind.ELEMENTWISE);

    /**
     * {@code a + b}, broadcasting NumPy-style; both floating, of one dtype.
     * <pre>{@code Tensor y = ElementwiseOps.add(x, Tensor.of(new float[] {1, 2, 3}, 3)); // x [n, 3]}</pre>
     */
    public static Tensor add(Tensor a, Tensor b) {
        return ADD.apply1(NoAttrs.NONE, a, b);
    }

    /**
     * {@code a − b}, broadcasting NumPy-style.
     * <pre>{@code Tensor centred = ElementwiseOps.sub(x, ReduceOps.mean(x, true, 0));}</pre>
     */
    public static Tensor sub(Tensor a, Tensor b) {
        return SUB.apply1(NoAttrs.NONE, a, b);
    }

    /**
     * {@code a · b} elementwise, broadcasting NumPy-style.
     * <pre>{@code Tensor scaled = ElementwiseOps.mul(images, Tensor.scalar(1 / 255f));}</pre>
     */
    public static Tensor mul(Tensor a, Tensor b) {
        return MUL.apply1(NoAttrs.NONE, a, b);
    }

    /**
     * {@code a / b} elementwise, broadcasting NumPy-style (IEEE: x/0 is ±inf or NaN).
     * <pre>{@code Tensor normalised = ElementwiseOps.div(x, ElementwiseOps.sqrt(variance));}</pre>
     */
    public static Tensor div(Tensor a, Tensor b) {
        return DIV.apply1(NoAttrs.NONE, a, b);
    }

    /**
     * {@code −x}.
     * <pre>{@code Tensor minusX = ElementwiseOps.neg(x);}</pre>
     */
    public static Tensor neg(Tensor x) {
        return NEG.apply1(NoAttrs.NONE, x);
    }

    /**
     * A copy of {@code x} in new storage; the gradient passes through unchanged.
     * <pre>{@code Tensor snapshot = ElementwiseOps.identity(x);}</pre>
     */
    public static Tensor identity(Tensor x) {
        return IDENTITY.apply1(NoAttrs.NONE, x);
    }

    /**
     * {@code max(x, 0)}; the gradient is {@code g} where {@code x > 0}, else 0.
     * <pre>{@code Tensor h = ElementwiseOps.relu(LinalgOps.biasAdd(x.matmul(w), b));}</pre>
     */
    public static Tensor relu(Tensor x) {
        return RELU.apply1(NoAttrs.NONE, x);
    }

    /**
     * The logistic function {@code 1 / (1 + e^−x)}.
     * <pre>{@code Tensor gate = ElementwiseOps.sigmoid(logits);}</pre>
     */
    public static Tensor sigmoid(Tensor x) {
        return SIGMOID.apply1(NoAttrs.NONE, x);
    }

    /**
     * The hyperbolic tangent.
     * <pre>{@code Tensor h = ElementwiseOps.tanh(x);}</pre>
     */
    public static Tensor tanh(Tensor x) {
        return TANH.apply1(NoAttrs.NONE, x);
    }

    /**
     * Swish / SiLU {@code x · sigmoid(x)}, EfficientNet's activation.
     * <pre>{@code Tensor h = ElementwiseOps.swish(x);}</pre>
     */
    public static Tensor swish(Tensor x) {
        return SWISH.apply1(NoAttrs.NONE, x);
    }

    /**
     * The exact (erf) GELU, as {@code tf.nn.gelu(x)}: {@code gelu(Tensor.of(new float[] {-1, 0, 1}, 3))}
     * is [−0.158655, 0, 0.841345].
     * <pre>{@code Tensor h = ElementwiseOps.gelu(x);}</pre>
     */
    public static Tensor gelu(Tensor x) {
        return GELU.apply1(NoAttrs.NONE, x);
    }

    /**
     * {@code e^x}.
     * <pre>{@code Tensor probs = ElementwiseOps.exp(LossOps.logSoftmax(logits));}</pre>
     */
    public static Tensor exp(Tensor x) {
        return EXP.apply1(NoAttrs.NONE, x);
    }

    /**
     * The natural logarithm ({@code −inf} at 0, NaN below).
     * <pre>{@code Tensor logP = ElementwiseOps.log(probs);}</pre>
     */
    public static Tensor log(Tensor x) {
        return LOG.apply1(NoAttrs.NONE, x);
    }

    /**
     * {@code √x} (NaN below 0).
     * <pre>{@code Tensor std = ElementwiseOps.sqrt(variance);}</pre>
     */
    public static Tensor sqrt(Tensor x) {
        return SQRT.apply1(NoAttrs.NONE, x);
    }

    /**
     * {@code 1/√x}, batch norm's scale.
     * <pre>{@code Tensor inv = ElementwiseOps.rsqrt(variance.add(1e-3));}</pre>
     */
    public static Tensor rsqrt(Tensor x) {
        return RSQRT.apply1(NoAttrs.NONE, x);
    }

    /**
     * {@code x²}.
     * <pre>{@code Tensor sq = ElementwiseOps.square(x.sub(mean));}</pre>
     */
    public static Tensor square(Tensor x) {
        return SQUARE.apply1(NoAttrs.NONE, x);
    }
}

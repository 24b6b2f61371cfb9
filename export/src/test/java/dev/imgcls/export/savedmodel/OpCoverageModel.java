package dev.imgcls.export.savedmodel;

import dev.imgcls.nn.Mode;
import dev.imgcls.nn.Model;
import dev.imgcls.nn.Variable;
import dev.imgcls.tensor.Generator;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.ops.ConvOps;
import dev.imgcls.tensor.ops.ElementwiseOps;
import dev.imgcls.tensor.ops.LinalgOps;
import dev.imgcls.tensor.ops.NormOps;
import dev.imgcls.tensor.ops.Padding;
import dev.imgcls.tensor.ops.PoolOps;
import dev.imgcls.tensor.ops.ReduceOps;

/**
 * A small network that uses every engine op the export translates and ResNet/EfficientNet do
 * not: asymmetric explicit conv padding, VALID convs, a depthwise multiplier of 2, explicit-padding
 * max pooling, SAME average pooling, tanh/exp/log/sqrt/rsqrt/square/neg/identity, a keep-dims max
 * reduction, a batch-keeping reshape, a rank-2 batch norm and a transposed matmul. Public for the
 * ONNX export's tests, which check the same ops.
 */
public final class OpCoverageModel extends Model {
    private final Variable k1;
    private final Variable b1;
    private final Variable dw;
    private final Variable k2;
    private final Variable gamma;
    private final Variable beta;
    private final Variable mean;
    private final Variable variance;
    private final Variable dense;
    private final int flat;

    public OpCoverageModel(int numClasses, int imageSize, long seed) {
        super("op-coverage", numClasses);
        Generator g = new Generator(seed);
        k1 = store.create("conv", "kernel", Variable.Role.KERNEL, Tensor.randomNormal(g, 0, 0.3, 3, 3, 3, 4));
        b1 = store.create("conv", "bias", Variable.Role.BIAS, Tensor.randomNormal(g, 0, 0.2, 4));
        dw = store.create("depthwise", "depthwise_kernel", Variable.Role.KERNEL, Tensor.randomNormal(g, 0, 0.3, 3, 3, 1, 8));
        k2 = store.create("conv_1", "kernel", Variable.Role.KERNEL, Tensor.randomNormal(g, 0, 0.3, 2, 2, 8, 5));
        int spatial = spatialAfterConvs(imageSize);
        flat = spatial * spatial * 5;
        gamma = store.create("bn", "gamma", Variable.Role.GAMMA, Tensor.randomUniform(g, 0.5, 1.5, flat));
        beta = store.create("bn", "beta", Variable.Role.BETA, Tensor.randomNormal(g, 0, 0.2, flat));
        mean = store.create("bn", "moving_mean", Variable.Role.MOVING_MEAN, Tensor.randomNormal(g, 0, 0.2, flat));
        variance = store.create("bn", "moving_variance", Variable.Role.MOVING_VARIANCE, Tensor.randomUniform(g, 0.5, 2, flat));
        dense = store.create("dense", "kernel", Variable.Role.KERNEL, Tensor.randomNormal(g, 0, 1.0 / Math.sqrt(flat), numClasses, flat));
    }

    private static int spatialAfterConvs(int s) {
        int afterConv = (s + 1 - 3) / 2 + 1;            // explicit (0,1) padding, 3×3, stride 2
        int afterPool = (afterConv + 2 - 3) / 2 + 1;    // explicit (1,1) padding, 3×3, stride 2
        return afterPool - 1;                           // depthwise SAME, then 2×2 VALID
    }

    @Override
    protected Tensor logits(Tensor x, Mode mode) {
        Tensor y = ConvOps.conv2d(x, k1.value(), new ConvOps.Conv2dAttrs(2, 2, Padding.explicit(0, 1, 1, 0), 1));
        y = ElementwiseOps.tanh(LinalgOps.biasAdd(y, b1.value()));
        y = PoolOps.maxPool(y, new PoolOps.PoolAttrs(3, 3, 2, 2, Padding.explicit(1, 1, 1, 1)));
        y = ConvOps.conv2d(y, dw.value(), new ConvOps.Conv2dAttrs(1, 1, Padding.SAME, 4));
        y = PoolOps.avgPool(y, 3, 1, Padding.SAME);
        y = ConvOps.conv2d(y, k2.value(), ConvOps.Conv2dAttrs.of(1, Padding.VALID));
        Tensor positive = ElementwiseOps.sqrt(ElementwiseOps.square(y).add(1.0));
        y = ElementwiseOps.log(ElementwiseOps.exp(ElementwiseOps.neg(y)).add(2.0)).mul(ElementwiseOps.rsqrt(positive));
        y = y.div(ReduceOps.max(ElementwiseOps.identity(positive), true, 3));
        y = y.reshape(y.dim(0), flat);
        y = NormOps.batchNormInfer(y, gamma.value(), beta.value(), mean.value(), variance.value(), 1e-3);
        return LinalgOps.matmul(y, dense.value(), false, true);
    }
}

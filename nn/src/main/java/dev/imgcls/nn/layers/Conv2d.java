package dev.imgcls.nn.layers;

import dev.imgcls.nn.Variable;
import dev.imgcls.nn.VariableStore;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.ops.ConvOps;
import dev.imgcls.tensor.ops.ConvOps.Conv2dAttrs;
import dev.imgcls.tensor.ops.LinalgOps;
import dev.imgcls.tensor.ops.Padding;

import java.util.function.Function;

/**
 * A TF {@code conv2d} layer: HWIO kernel named {@code …/conv2d[_k]/kernel}, optional bias.
 * Depthwise convolutions are {@link DepthwiseConv2d}.
 */
public final class Conv2d {
    private final Variable kernel;
    private final Variable bias;
    private final Conv2dAttrs attrs;

    /**
     * @param init builds the initial HWIO kernel from its shape
     */
    public Conv2d(VariableStore store, int kernelSize, int in, int out, int stride, Padding padding, boolean useBias,
                  Function<int[], Tensor> init) {
        String layer = store.uniqueLayerName("conv2d");
        this.kernel = store.create(layer, "kernel", Variable.Role.KERNEL, init.apply(new int[] {kernelSize, kernelSize, in, out}));
        this.bias = useBias ? store.create(layer, "bias", Variable.Role.BIAS, Tensor.zeros(out)) : null;
        this.attrs = new Conv2dAttrs(stride, stride, padding, 1);
    }

    public Tensor forward(Tensor x) {
        Tensor y = ConvOps.conv2d(x, kernel.value(), attrs);
        return bias == null ? y : LinalgOps.biasAdd(y, bias.value());
    }

    public Variable kernel() {
        return kernel;
    }
}

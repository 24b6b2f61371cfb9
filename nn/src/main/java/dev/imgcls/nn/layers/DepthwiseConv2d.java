package dev.imgcls.nn.layers;

import dev.imgcls.nn.Variable;
import dev.imgcls.nn.VariableStore;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.ops.ConvOps;
import dev.imgcls.tensor.ops.ConvOps.Conv2dAttrs;
import dev.imgcls.tensor.ops.Padding;

import java.util.function.Function;

/**
 * A TF {@code depthwise_conv2d} layer with depth multiplier 1: kernel {@code [k, k, C, 1]} named
 * {@code …/depthwise_conv2d/depthwise_kernel}. The engine's grouped convolution wants
 * {@code [k, k, 1, C]}, which is the same memory, so the kernel is reshaped (a view) per call.
 */
public final class DepthwiseConv2d {
    private final Variable kernel;
    private final Conv2dAttrs attrs;
    private final int kernelSize;
    private final int channels;

    public DepthwiseConv2d(VariableStore store, int kernelSize, int channels, int stride, Padding padding,
                           Function<int[], Tensor> init) {
        String layer = store.uniqueLayerName("depthwise_conv2d");
        this.kernel = store.create(layer, "depthwise_kernel", Variable.Role.KERNEL, init.apply(new int[] {kernelSize, kernelSize, channels, 1}));
        this.attrs = new Conv2dAttrs(stride, stride, padding, channels);
        this.kernelSize = kernelSize;
        this.channels = channels;
    }

    public Tensor forward(Tensor x) {
        return ConvOps.conv2d(x, kernel.value().reshape(kernelSize, kernelSize, 1, channels), attrs);
    }
}

package dev.imgcls.kernels.cpu;

import dev.imgcls.kernels.cpu.conv.Conv2d;
import dev.imgcls.tensor.ops.ConvOps;
import dev.imgcls.tensor.ops.ConvOps.Geometry;
import dev.imgcls.tensor.spi.KernelTable;

/** Convolution and its two gradients: implicit GEMM, or direct loops when depthwise. */
final class CpuConvKernels {
    private CpuConvKernels() {
    }

    static void register(KernelTable t) {
        t.put(ConvOps.CONV2D, (a, in, out) -> {
            Geometry g = a.geometry(in[0].shape(), in[1].shape());
            Conv2d.forward(g, in[0].host().floats(), in[1].host().floats(), out[0].host().floats(), 0);
        });
        t.put(ConvOps.CONV2D_BACKPROP_INPUT, (a, in, out) -> {
            Geometry g = a.conv().geometry(a.shape(), in[1].shape());
            Conv2d.backwardInput(g, in[0].host().floats(), in[1].host().floats(), out[0].host().floats(), 0);
        });
        t.put(ConvOps.CONV2D_BACKPROP_FILTER, (a, in, out) -> {
            Geometry g = a.conv().geometry(in[0].shape(), a.shape());
            Conv2d.backwardFilter(g, in[0].host().floats(), in[1].host().floats(), out[0].host().floats(), 0);
        });
    }
}

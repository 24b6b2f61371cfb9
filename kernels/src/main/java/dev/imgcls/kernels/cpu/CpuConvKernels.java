package dev.imgcls.kernels.cpu;

import dev.imgcls.kernels.cpu.conv.Conv2d;
import dev.imgcls.tensor.ops.ConvOps;
import dev.imgcls.tensor.ops.ConvOps.Geometry;
import dev.imgcls.tensor.spi.KernelTable;
import dev.imgcls.tensor.spi.TensorAccess;

/** Convolution and its two gradients: implicit GEMM, or direct loops when depthwise. */
final class CpuConvKernels {
    private CpuConvKernels() {
    }

    static void register(KernelTable t) {
        t.put(ConvOps.CONV2D, (a, in, out) -> {
            Geometry g = a.geometry(in[0].shape(), in[1].shape());
            Conv2d.forward(g, TensorAccess.host(in[0]).floats(), TensorAccess.host(in[1]).floats(), TensorAccess.host(out[0]).floats(), 0);
        });
        t.put(ConvOps.CONV2D_BACKPROP_INPUT, (a, in, out) -> {
            Geometry g = a.conv().geometry(a.shape(), in[1].shape());
            Conv2d.backwardInput(g, TensorAccess.host(in[0]).floats(), TensorAccess.host(in[1]).floats(), TensorAccess.host(out[0]).floats(), 0);
        });
        t.put(ConvOps.CONV2D_BACKPROP_FILTER, (a, in, out) -> {
            Geometry g = a.conv().geometry(in[0].shape(), a.shape());
            Conv2d.backwardFilter(g, TensorAccess.host(in[0]).floats(), TensorAccess.host(in[1]).floats(), TensorAccess.host(out[0]).floats(), 0);
        });
    }
}

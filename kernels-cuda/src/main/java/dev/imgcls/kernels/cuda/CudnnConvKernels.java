package dev.imgcls.kernels.cuda;

import static dev.imgcls.kernels.cuda.CudaScratch.address;
import static dev.imgcls.kernels.cuda.CudaScratch.param;
import static dev.imgcls.kernels.cuda.CudaTensors.ptr;
import static dev.imgcls.kernels.cuda.CudaTensors.requireFloat32;
import static dev.imgcls.kernels.cuda.CudaTensors.storage;

import java.util.function.Supplier;

import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.ops.ConvOps;
import dev.imgcls.tensor.ops.ConvOps.Geometry;
import dev.imgcls.tensor.spi.KernelTable;
import jcuda.Pointer;
import jcuda.Sizeof;

/**
 * conv2d, conv2d_backprop_input and conv2d_backprop_filter (groups and depthwise included) through
 * cuDNN on NHWC tensors; see {@link CudnnConvPlan} for the padding and filter-layout handling.
 */
final class CudnnConvKernels {
    private CudnnConvKernels() {
    }

    static void register(KernelTable table, Supplier<CudaContext> cuda) {
        table.put(ConvOps.CONV2D, (a, in, out) -> {
            requireFloat32("conv2d", in[0], in[1]);
            forward(cuda.get(), a.geometry(in[0].shape(), in[1].shape()), in[0], in[1], out[0]);
        });
        table.put(ConvOps.CONV2D_BACKPROP_INPUT, (a, in, out) -> {
            requireFloat32("conv2d_backprop_input", in[0], in[1]);
            backwardData(cuda.get(), a.conv().geometry(a.shape(), in[1].shape()), in[0], in[1], out[0]);
        });
        table.put(ConvOps.CONV2D_BACKPROP_FILTER, (a, in, out) -> {
            requireFloat32("conv2d_backprop_filter", in[0], in[1]);
            backwardFilter(cuda.get(), a.conv().geometry(in[0].shape(), a.shape()), in[0], in[1], out[0]);
        });
    }

    /** True when some dimension is 0: there is nothing to compute and the zero-filled output is the answer. */
    private static boolean empty(Geometry g) {
        return g.n() == 0 || g.cin() == 0 || g.cout() == 0 || g.oh() == 0 || g.ow() == 0 || g.h() == 0 || g.w() == 0;
    }

    static void forward(CudaContext c, Geometry g, Tensor x, Tensor w, Tensor y) {
        if (empty(g)) {
            return;
        }
        CudnnConvPlan plan = c.cudnnPlans().convolution(g);
        CudnnConvPlan.Algo algo = plan.forward();
        try (CudaScratch s = new CudaScratch(c)) {
            long xAddress = plan.explicitPadding ? address(padInput(c, s, plan, ptr(x))) : storage(x).address();
            CudaAllocator.Block filter = s.allocate(w.numel() * Sizeof.FLOAT);
            hwioToKrsc(c, g, ptr(w), param(filter));
            CudaAllocator.Block workspace = s.allocate(algo.workspaceBytes());
            Cudnn.convolutionForward(c.cudnn(), 1f, plan.xDesc, xAddress, plan.wDesc, address(filter), plan.forwardConv(), algo.algo(),
                    address(workspace), algo.workspaceBytes(), 0f, plan.yDesc, storage(y).address());
        }
    }

    static void backwardData(CudaContext c, Geometry g, Tensor dy, Tensor w, Tensor dx) {
        if (empty(g)) {
            return;
        }
        CudnnConvPlan plan = c.cudnnPlans().convolution(g);
        CudnnConvPlan.Algo algo = plan.backwardData();
        try (CudaScratch s = new CudaScratch(c)) {
            CudaAllocator.Block filter = s.allocate(w.numel() * Sizeof.FLOAT);
            hwioToKrsc(c, g, ptr(w), param(filter));
            CudaAllocator.Block padded = plan.explicitPadding ? s.allocate(paddedElements(plan) * Sizeof.FLOAT) : null;
            long dxAddress = padded != null ? address(padded) : storage(dx).address();
            CudaAllocator.Block workspace = s.allocate(algo.workspaceBytes());
            Cudnn.convolutionBackwardData(c.cudnn(), 1f, plan.wDesc, address(filter), plan.yDesc, storage(dy).address(),
                    plan.backwardDataConv(), algo.algo(), address(workspace), algo.workspaceBytes(), 0f, plan.xDesc, dxAddress);
            if (padded != null) {
                // The gradient of the padding pixels is dropped: dx is the in-image box of the padded gradient.
                int[] box = {g.n(), g.h(), g.w(), g.cin()};
                CudaCopies.copy(c, Sizeof.FLOAT, param(padded), paddedOffset(plan), paddedStrides(plan), ptr(dx), 0,
                        CudaCopies.strides(box), box);
            }
        }
    }

    static void backwardFilter(CudaContext c, Geometry g, Tensor x, Tensor dy, Tensor dw) {
        if (empty(g)) {
            return;
        }
        CudnnConvPlan plan = c.cudnnPlans().convolution(g);
        CudnnConvPlan.Algo algo = plan.backwardFilter();
        try (CudaScratch s = new CudaScratch(c)) {
            long xAddress = plan.explicitPadding ? address(padInput(c, s, plan, ptr(x))) : storage(x).address();
            CudaAllocator.Block filter = s.allocate(dw.numel() * Sizeof.FLOAT);
            CudaAllocator.Block workspace = s.allocate(algo.workspaceBytes());
            Cudnn.convolutionBackwardFilter(c.cudnn(), 1f, plan.xDesc, xAddress, plan.yDesc, storage(dy).address(),
                    plan.backwardFilterConv(), algo.algo(), address(workspace), algo.workspaceBytes(), 0f, plan.wDesc, address(filter));
            krscToHwio(c, g, param(filter), ptr(dw));
        }
    }

    /** x copied into a zero-filled [n, inH, inW, cin] buffer at (padTop, padLeft). */
    private static CudaAllocator.Block padInput(CudaContext c, CudaScratch s, CudnnConvPlan plan, Pointer x) {
        Geometry g = plan.g;
        CudaAllocator.Block padded = s.zeros(paddedElements(plan) * Sizeof.FLOAT);
        int[] box = {g.n(), g.h(), g.w(), g.cin()};
        CudaCopies.copy(c, Sizeof.FLOAT, x, 0, CudaCopies.strides(box), param(padded), paddedOffset(plan), paddedStrides(plan), box);
        return padded;
    }

    private static long paddedElements(CudnnConvPlan p) {
        return (long) p.g.n() * p.inH * p.inW * p.g.cin();
    }

    private static long[] paddedStrides(CudnnConvPlan p) {
        return CudaCopies.strides(new int[] {p.g.n(), p.inH, p.inW, p.g.cin()});
    }

    private static long paddedOffset(CudnnConvPlan p) {
        return ((long) p.padTop * p.inW + p.padLeft) * p.g.cin();
    }

    /** HWIO [kh·kw·cin/g, cout] → KRSC [cout, kh·kw·cin/g]: a 2-d transpose. */
    static void hwioToKrsc(CudaContext c, Geometry g, Pointer hwio, Pointer krsc) {
        int k = g.cout();
        int rsc = g.kh() * g.kw() * (g.cin() / g.groups());
        CudaCopies.copy(c, Sizeof.FLOAT, hwio, 0, new long[] {1, k}, krsc, 0, new long[] {rsc, 1}, new int[] {k, rsc});
    }

    /** KRSC [cout, kh·kw·cin/g] → HWIO [kh·kw·cin/g, cout]. */
    static void krscToHwio(CudaContext c, Geometry g, Pointer krsc, Pointer hwio) {
        int k = g.cout();
        int rsc = g.kh() * g.kw() * (g.cin() / g.groups());
        CudaCopies.copy(c, Sizeof.FLOAT, krsc, 0, new long[] {1, rsc}, hwio, 0, new long[] {k, 1}, new int[] {rsc, k});
    }
}

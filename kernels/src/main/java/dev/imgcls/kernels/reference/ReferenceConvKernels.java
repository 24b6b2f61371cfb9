package dev.imgcls.kernels.reference;

import dev.imgcls.tensor.ops.ConvOps;
import dev.imgcls.tensor.ops.ConvOps.Geometry;
import dev.imgcls.tensor.spi.HostStorage;
import dev.imgcls.tensor.spi.KernelTable;
import dev.imgcls.tensor.spi.TensorAccess;

/**
 * Convolution by its definition: every (output pixel, output channel, tap, input channel) tuple
 * whose input pixel lies inside the image contributes x·w. The forward pass gathers these
 * products into y; the two backward passes scatter dy·w into dx and x·dy into dw.
 */
final class ReferenceConvKernels {
    private ReferenceConvKernels() {
    }

    /** Receives flat indices of x, w and y for one contributing tuple. */
    private interface Visitor {
        void visit(int xi, int wi, int yi);
    }

    private static void forEachTuple(Geometry g, Visitor v) {
        int cinG = g.cin() / g.groups();
        int coutG = g.cout() / g.groups();
        for (int n = 0; n < g.n(); n++) {
            for (int oh = 0; oh < g.oh(); oh++) {
                for (int ow = 0; ow < g.ow(); ow++) {
                    for (int co = 0; co < g.cout(); co++) {
                        int group = co / coutG;
                        int yi = ((n * g.oh() + oh) * g.ow() + ow) * g.cout() + co;
                        for (int kh = 0; kh < g.kh(); kh++) {
                            int ih = oh * g.strideH() - g.padTop() + kh;
                            if (ih < 0 || ih >= g.h()) {
                                continue;
                            }
                            for (int kw = 0; kw < g.kw(); kw++) {
                                int iw = ow * g.strideW() - g.padLeft() + kw;
                                if (iw < 0 || iw >= g.w()) {
                                    continue;
                                }
                                for (int ci = 0; ci < cinG; ci++) {
                                    int xi = ((n * g.h() + ih) * g.w() + iw) * g.cin() + group * cinG + ci;
                                    int wi = ((kh * g.kw() + kw) * cinG + ci) * g.cout() + co;
                                    v.visit(xi, wi, yi);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private static void store(double[] acc, HostStorage out) {
        for (int i = 0; i < acc.length; i++) {
            out.setDouble(i, acc[i]);
        }
    }

    static void register(KernelTable t) {
        t.put(ConvOps.CONV2D, (a, in, out) -> {
            Geometry g = a.geometry(in[0].shape(), in[1].shape());
            HostStorage x = TensorAccess.host(in[0]);
            HostStorage w = TensorAccess.host(in[1]);
            double[] y = new double[out[0].numel()];
            forEachTuple(g, (xi, wi, yi) -> y[yi] += x.getDouble(xi) * w.getDouble(wi));
            store(y, TensorAccess.host(out[0]));
        });
        t.put(ConvOps.CONV2D_BACKPROP_INPUT, (a, in, out) -> {
            Geometry g = a.conv().geometry(a.shape(), in[1].shape());
            HostStorage dy = TensorAccess.host(in[0]);
            HostStorage w = TensorAccess.host(in[1]);
            double[] dx = new double[out[0].numel()];
            forEachTuple(g, (xi, wi, yi) -> dx[xi] += dy.getDouble(yi) * w.getDouble(wi));
            store(dx, TensorAccess.host(out[0]));
        });
        t.put(ConvOps.CONV2D_BACKPROP_FILTER, (a, in, out) -> {
            Geometry g = a.conv().geometry(in[0].shape(), a.shape());
            HostStorage x = TensorAccess.host(in[0]);
            HostStorage dy = TensorAccess.host(in[1]);
            double[] dw = new double[out[0].numel()];
            forEachTuple(g, (xi, wi, yi) -> dw[wi] += x.getDouble(xi) * dy.getDouble(yi));
            store(dw, TensorAccess.host(out[0]));
        });
    }
}

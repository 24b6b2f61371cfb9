package dev.imgcls.tensor.ops;

import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.profile.FlopRule;

import java.util.function.BiFunction;

/**
 * FLOP rules of the dense-math ops (convolutions, matrix products), kept apart from the op
 * declarations so the rules exist before the OpDef fields that reference them are initialized.
 * Both conv backward ops do exactly the forward's multiply-adds, arranged differently.
 */
final class DenseFlops {
    private DenseFlops() {
    }

    static final FlopRule<ConvOps.Conv2dAttrs> CONV2D =
            conv((a, in) -> a.geometry(in[0].shape(), in[1].shape()));

    /** Inputs (dy, filter); attrs.shape = x's shape. */
    static final FlopRule<ConvOps.ConvGradAttrs> CONV2D_BACKPROP_INPUT =
            conv((a, in) -> a.conv().geometry(a.shape(), in[1].shape()));

    /** Inputs (x, dy); attrs.shape = filter shape. */
    static final FlopRule<ConvOps.ConvGradAttrs> CONV2D_BACKPROP_FILTER =
            conv((a, in) -> a.conv().geometry(in[0].shape(), a.shape()));

    static final FlopRule<LinalgOps.MatmulAttrs> MATMUL = new FlopRule<>() {
        @Override
        public long flops(LinalgOps.MatmulAttrs a, Tensor[] in) {
            return 2 * m(a, in) * k(a, in) * n(a, in);
        }

        @Override
        public String problem(LinalgOps.MatmulAttrs a, Tensor[] in) {
            return m(a, in) + "x" + n(a, in) + "x" + k(a, in);
        }

        private long m(LinalgOps.MatmulAttrs a, Tensor[] in) {
            return in[0].shape().dim(a.transposeA() ? 1 : 0);
        }

        private long k(LinalgOps.MatmulAttrs a, Tensor[] in) {
            return in[0].shape().dim(a.transposeA() ? 0 : 1);
        }

        private long n(LinalgOps.MatmulAttrs a, Tensor[] in) {
            return in[1].shape().dim(a.transposeB() ? 0 : 1);
        }
    };

    private static <A> FlopRule<A> conv(BiFunction<A, Tensor[], ConvOps.Geometry> geometry) {
        return new FlopRule<>() {
            @Override
            public long flops(A attrs, Tensor[] inputs) {
                return 2 * geometry.apply(attrs, inputs).macs();
            }

            /** Kernel/stride, channels, input size, batch; {@code g<groups>} when grouped. */
            @Override
            public String problem(A attrs, Tensor[] inputs) {
                ConvOps.Geometry g = geometry.apply(attrs, inputs);
                return g.kh() + "x" + g.kw() + "/" + g.strideH() + " " + g.cin() + "->" + g.cout() + " @" + g.h() + "x" + g.w()
                        + " n" + g.n() + (g.groups() > 1 ? " g" + g.groups() : "");
            }
        };
    }
}

package dev.imgcls.kernels.reference;

import dev.imgcls.kernels.host.HostElements;
import dev.imgcls.tensor.DType;
import dev.imgcls.tensor.Shape;
import dev.imgcls.tensor.ops.ShapeOps;
import dev.imgcls.tensor.spi.HostStorage;
import dev.imgcls.tensor.spi.KernelTable;
import dev.imgcls.tensor.spi.TensorAccess;

import java.util.Arrays;

/** argmax, top_k (and its gradient), one_hot and cast, element by element. */
final class ReferenceSelectionKernels {
    private ReferenceSelectionKernels() {
    }

    static void register(KernelTable t) {
        t.put(ShapeOps.ARGMAX, (a, in, out) -> {
            Shape s = in[0].shape();
            int axis = s.normalizeAxis(a.axis());
            int n = s.dim(axis);
            int inner = s.strides()[axis];
            HostStorage x = TensorAccess.host(in[0]);
            HostStorage y = TensorAccess.host(out[0]);
            for (int o = 0; o < y.size(); o++) {
                int base = (o / inner) * n * inner + o % inner;
                int best = 0;
                for (int k = 1; k < n; k++) {
                    if (HostElements.compare(x, base + k * inner, base + best * inner) > 0) {
                        best = k;
                    }
                }
                y.setDouble(o, best);
            }
        });
        t.put(ShapeOps.TOP_K, (a, in, out) -> {
            HostStorage x = TensorAccess.host(in[0]);
            int n = in[0].shape().dim(-1);
            int k = a.k();
            int rows = n == 0 ? 0 : x.size() / n;
            for (int r = 0; r < rows; r++) {
                int base = r * n;
                Integer[] order = new Integer[n];
                Arrays.setAll(order, i -> i);
                // A stable sort by descending value keeps equal values in index order.
                Arrays.sort(order, (i, j) -> HostElements.compare(x, base + j, base + i));
                for (int j = 0; j < k; j++) {
                    HostElements.copy(x, base + order[j], TensorAccess.host(out[0]), r * k + j);
                    TensorAccess.host(out[1]).setDouble(r * k + j, order[j]);
                }
            }
        });
        t.put(ShapeOps.TOP_K_GRAD, (a, in, out) -> {
            HostStorage g = TensorAccess.host(in[0]);
            HostStorage idx = TensorAccess.host(in[1]);
            int k = in[0].shape().dim(-1);
            int n = a.n();
            double[] dx = new double[out[0].numel()];
            for (int i = 0; i < g.size(); i++) {
                long j = idx.getLong(i);
                if (j < 0 || j >= n) {
                    throw new IllegalArgumentException("top_k_grad: index " + j + " outside [0, " + n + ")");
                }
                dx[(i / k) * n + (int) j] += g.getDouble(i);
            }
            for (int i = 0; i < dx.length; i++) {
                TensorAccess.host(out[0]).setDouble(i, dx[i]);
            }
        });
        t.put(ShapeOps.ONE_HOT, (a, in, out) -> {
            HostStorage idx = TensorAccess.host(in[0]);
            HostStorage y = TensorAccess.host(out[0]);
            for (int i = 0; i < idx.size(); i++) {
                long hot = idx.getLong(i);
                for (int d = 0; d < a.depth(); d++) {
                    y.setDouble(i * a.depth() + d, hot == d ? a.on() : a.off());
                }
            }
        });
        t.put(ShapeOps.CAST, (a, in, out) -> {
            HostStorage x = TensorAccess.host(in[0]);
            HostStorage y = TensorAccess.host(out[0]);
            for (int i = 0; i < x.size(); i++) {
                castElement(x, y, i);
            }
        });
    }

    /**
     * y[i] = x[i] converted: floating sources go through a double (setDouble truncates toward
     * zero for integers and wraps for UINT8); integer sources through a long, so INT64 stays
     * exact and narrowing wraps as C++'s static_cast.
     */
    private static void castElement(HostStorage x, HostStorage y, int i) {
        if (x.dtype().isFloating()) {
            y.setDouble(i, x.getDouble(i));
            return;
        }
        long v = x.getLong(i);
        Object dst = y.array();
        DType to = y.dtype();
        switch (to) {
            case FLOAT32 -> ((float[]) dst)[i] = (float) v;
            case FLOAT64 -> ((double[]) dst)[i] = (double) v;
            case INT32 -> ((int[]) dst)[i] = (int) v;
            case INT64 -> ((long[]) dst)[i] = v;
            case UINT8 -> ((byte[]) dst)[i] = (byte) v;
        }
    }
}

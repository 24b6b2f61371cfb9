package dev.imgcls.kernels.cpu;

import dev.imgcls.kernels.host.TypedArrays;
import dev.imgcls.tensor.Shape;
import dev.imgcls.tensor.ops.ShapeOps;
import dev.imgcls.tensor.spi.HostStorage;
import dev.imgcls.tensor.spi.KernelTable;
import dev.imgcls.tensor.spi.TensorAccess;

/** argmax, top_k (and its gradient) and one_hot for every dtype, parallel over rows. */
final class CpuSelectionKernels {
    private static final int GRAIN = 1 << 14;

    private CpuSelectionKernels() {
    }

    static void register(KernelTable t) {
        t.put(ShapeOps.ARGMAX, (a, in, out) -> {
            Shape s = in[0].shape();
            int axis = s.normalizeAxis(a.axis());
            int n = s.dim(axis);
            int inner = s.strides()[axis];
            OrderKeys keys = OrderKeys.of(TensorAccess.host(in[0]).array());
            long[] y = TensorAccess.host(out[0]).longs();
            Parallel.forRange(y.length, Math.max(1, GRAIN / n), (st, e) -> {
                for (int o = st; o < e; o++) {
                    int i = (o / inner) * n * inner + o % inner;
                    long best = keys.at(i);
                    int bestK = 0;
                    for (int k = 1; k < n; k++) {
                        i += inner;
                        long v = keys.at(i);
                        if (v > best) {
                            best = v;
                            bestK = k;
                        }
                    }
                    y[o] = bestK;
                }
            });
        });
        t.put(ShapeOps.TOP_K, (a, in, out) -> {
            int n = in[0].shape().dim(-1);
            int k = a.k();
            if (k == 0) {
                return;
            }
            Object x = TensorAccess.host(in[0]).array();
            OrderKeys keys = OrderKeys.of(x);
            Object values = TensorAccess.host(out[0]).array();
            int[] indices = TensorAccess.host(out[1]).ints();
            Parallel.forRange(indices.length / k, Math.max(1, GRAIN / n), (s, e) -> {
                TopKHeap heap = new TopKHeap(k);
                for (int r = s; r < e; r++) {
                    heap.select(keys, r * n, n, indices, r * k);
                    for (int j = 0; j < k; j++) {
                        TypedArrays.copy2d(x, r * n + indices[r * k + j], 0, 0, values, r * k + j, 0, 0, 1, 1);
                    }
                }
            });
        });
        t.put(ShapeOps.TOP_K_GRAD, (a, in, out) -> {
            float[] g = TensorAccess.host(in[0]).floats();
            int[] idx = TensorAccess.host(in[1]).ints();
            float[] dx = TensorAccess.host(out[0]).floats();
            int k = in[0].shape().dim(-1);
            int n = a.n();
            int rows = n == 0 ? 0 : dx.length / n;
            Parallel.forRange(rows, Math.max(1, GRAIN / n), (s, e) -> {
                java.util.Arrays.fill(dx, s * n, e * n, 0f);
                for (int r = s; r < e; r++) {
                    for (int j = 0; j < k; j++) {
                        int col = idx[r * k + j];
                        if (col < 0 || col >= n) {
                            throw new IllegalArgumentException("top_k_grad: index " + col + " outside [0, " + n + ")");
                        }
                        dx[r * n + col] += g[r * k + j];
                    }
                }
            });
        });
        t.put(ShapeOps.ONE_HOT, (a, in, out) -> {
            HostStorage idx = TensorAccess.host(in[0]);
            Object y = TensorAccess.host(out[0]).array();
            int depth = a.depth();
            Parallel.forRange(idx.size(), Math.max(1, GRAIN / Math.max(1, depth)), (s, e) -> {
                TypedArrays.fill(y, s * depth, e * depth, a.off());
                for (int i = s; i < e; i++) {
                    long hot = idx.getLong(i);
                    if (hot >= 0 && hot < depth) {
                        int at = i * depth + (int) hot;
                        TypedArrays.fill(y, at, at + 1, a.on());
                    }
                }
            });
        });
    }
}

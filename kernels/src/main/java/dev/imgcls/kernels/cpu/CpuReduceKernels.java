package dev.imgcls.kernels.cpu;

import dev.imgcls.kernels.host.Broadcast;
import dev.imgcls.tensor.Shape;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.ops.ReduceOps;
import dev.imgcls.tensor.spi.KernelTable;
import dev.imgcls.tensor.spi.TensorAccess;

import java.util.Arrays;

/**
 * FLOAT32 reductions with double accumulators, as {@code [outer, reduced, inner]} problems
 * ({@link ReducePlan}); axis sets that are not one block are transposed into one first.
 * broadcast_to is a strided copy (stride 0 on broadcast axes) for every dtype.
 */
final class CpuReduceKernels {
    private static final int GRAIN = 1 << 15;
    private static final int BLOCK = 512;

    private CpuReduceKernels() {
    }

    static void register(KernelTable t) {
        t.put(ReduceOps.SUM, (a, in, out) -> reduce(FloatReducer.SUM, a, in[0], out[0]));
        t.put(ReduceOps.MAX, (a, in, out) -> reduce(FloatReducer.MAX, a, in[0], out[0]));
        t.put(ReduceOps.MAX_GRAD, (a, in, out) -> {
            Shape shape = in[0].shape();
            if (shape.numel() == 0) {
                return;
            }
            int[] axes = a.resolve(shape);
            float[] x = TensorAccess.host(in[0]).floats();
            float[] dx = TensorAccess.host(out[0]).floats();
            ReducePlan plan = ReducePlan.of(shape, axes);
            if (plan != null) {
                maxGrad(x, TensorAccess.host(in[1]).floats(), TensorAccess.host(in[2]).floats(), plan, dx);
                return;
            }
            int[] perm = ReducePlan.permutation(shape.rank(), axes);
            Shape permuted = permute(shape, perm);
            float[] dxPermuted = new float[dx.length];
            maxGrad(transpose(x, shape, perm), TensorAccess.host(in[1]).floats(), TensorAccess.host(in[2]).floats(),
                    new ReducePlan(in[1].numel(), shape.numel() / Math.max(1, in[1].numel()), 1), dxPermuted);
            int[] inverse = new int[perm.length];
            for (int i = 0; i < perm.length; i++) {
                inverse[perm[i]] = i;
            }
            transposeInto(dxPermuted, permuted, inverse, dx);
        });
        t.put(ReduceOps.BROADCAST_TO, (a, in, out) -> {
            Shape o = out[0].shape();
            StridedCopy.copy(TensorAccess.host(in[0]).array(), 0, Broadcast.stridesAgainst(in[0].shape(), o),
                    TensorAccess.host(out[0]).array(), 0, o.strides(), o.dims());
        });
    }

    private static void reduce(FloatReducer reducer, ReduceOps.ReduceAttrs a, Tensor in, Tensor out) {
        float[] y = TensorAccess.host(out).floats();
        Shape shape = in.shape();
        if (shape.numel() == 0) {
            Arrays.fill(y, (float) reducer.identity());
            return;
        }
        int[] axes = a.resolve(shape);
        float[] x = TensorAccess.host(in).floats();
        ReducePlan plan = ReducePlan.of(shape, axes);
        if (plan == null) {
            x = transpose(x, shape, ReducePlan.permutation(shape.rank(), axes));
            plan = new ReducePlan(y.length, shape.numel() / y.length, 1);
        }
        reducer.run(x, plan, y);
    }

    /** dx = g/count where x equals its block's maximum m (count = how many do), else 0. */
    private static void maxGrad(float[] x, float[] m, float[] g, ReducePlan p, float[] dx) {
        int red = p.reduced();
        int inner = p.inner();
        int blocks = (inner + BLOCK - 1) / BLOCK;
        Parallel.forRange(p.outer() * blocks, Math.max(1, GRAIN / (red * Math.min(inner, BLOCK) + 1)), (s, e) -> {
            int[] count = new int[BLOCK];
            for (int task = s; task < e; task++) {
                int o = task / blocks;
                int j0 = (task % blocks) * BLOCK;
                int n = Math.min(BLOCK, inner - j0);
                int outBase = o * inner + j0;
                Arrays.fill(count, 0, n, 0);
                for (int r = 0; r < red; r++) {
                    int base = (o * red + r) * inner + j0;
                    for (int j = 0; j < n; j++) {
                        if (x[base + j] == m[outBase + j]) {
                            count[j]++;
                        }
                    }
                }
                for (int r = 0; r < red; r++) {
                    int base = (o * red + r) * inner + j0;
                    for (int j = 0; j < n; j++) {
                        dx[base + j] = x[base + j] == m[outBase + j] ? g[outBase + j] / count[j] : 0f;
                    }
                }
            }
        });
    }

    private static Shape permute(Shape s, int[] perm) {
        int[] d = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            d[i] = s.dim(perm[i]);
        }
        return Shape.of(d);
    }

    /** A new array holding x (of shape s) transposed by perm. */
    private static float[] transpose(float[] x, Shape s, int[] perm) {
        float[] y = new float[x.length];
        transposeInto(x, s, perm, y);
        return y;
    }

    private static void transposeInto(float[] x, Shape s, int[] perm, float[] y) {
        int[] inStrides = s.strides();
        int[] srcStrides = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            srcStrides[i] = inStrides[perm[i]];
        }
        Shape out = permute(s, perm);
        StridedCopy.copy(x, 0, srcStrides, y, 0, out.strides(), out.dims());
    }
}

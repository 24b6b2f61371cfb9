package dev.imgcls.kernels.cpu.nn;

import dev.imgcls.kernels.cpu.Parallel;
import dev.imgcls.kernels.cpu.VectorSupport;
import dev.imgcls.tensor.ops.PoolOps;
import dev.imgcls.tensor.ops.PoolOps.PoolGeometry;
import dev.imgcls.tensor.spi.KernelTable;
import dev.imgcls.tensor.spi.TensorAccess;

/**
 * FLOAT32 pooling over NHWC. Every inner loop runs over the C contiguous channels of one pixel.
 * Forward passes and the average-pool gradient gather into their own output rows and run
 * parallel over rows; the max-pool gradient scatters to each window's argmax, so it runs
 * parallel over (image, channel block) pairs, which never write the same element.
 */
public final class CpuPoolKernels {
    private static final int MIN_CHANNEL_BLOCK = 16;

    private CpuPoolKernels() {
    }

    public static void register(KernelTable t) {
        t.put(PoolOps.MAX_POOL, (a, in, out) -> maxPool(a.geometry(in[0].shape()), TensorAccess.host(in[0]).floats(), TensorAccess.host(out[0]).floats()));
        t.put(PoolOps.MAX_POOL_GRAD, (a, in, out) ->
                maxPoolGrad(a.geometry(in[0].shape()), TensorAccess.host(in[0]).floats(), TensorAccess.host(in[2]).floats(),
                        TensorAccess.host(out[0]).floats()));
        t.put(PoolOps.AVG_POOL, (a, in, out) -> avgPool(a.geometry(in[0].shape()), TensorAccess.host(in[0]).floats(), TensorAccess.host(out[0]).floats()));
        t.put(PoolOps.AVG_POOL_GRAD, (a, in, out) ->
                avgPoolGrad(a.pool().geometry(a.inputShape()), TensorAccess.host(in[0]).floats(), TensorAccess.host(out[0]).floats()));
    }

    private static int rowGrain(PoolGeometry g) {
        return Math.max(1, (1 << 14) / Math.max(1, g.ow() * g.c() * g.kh() * g.kw()));
    }

    private static void maxPool(PoolGeometry g, float[] x, float[] y) {
        int ch = g.c();
        Parallel.forRange(g.n() * g.oh(), rowGrain(g), (s, e) -> {
            for (int ni = s; ni < e; ni++) {
                int n = ni / g.oh();
                int i = ni % g.oh();
                for (int j = 0; j < g.ow(); j++) {
                    int o = (ni * g.ow() + j) * ch;
                    java.util.Arrays.fill(y, o, o + ch, Float.NEGATIVE_INFINITY);
                    for (int r = g.rowStart(i); r < g.rowEnd(i); r++) {
                        for (int col = g.colStart(j); col < g.colEnd(j); col++) {
                            int p = ((n * g.h() + r) * g.w() + col) * ch;
                            for (int c = 0; c < ch; c++) {
                                y[o + c] = Math.max(y[o + c], x[p + c]);
                            }
                        }
                    }
                }
            }
        });
    }

    /**
     * dx[argmax of each window] += dy, where argmax is the first strict maximum in scan order
     * (rows, then columns), TF's tie rule.
     */
    private static void maxPoolGrad(PoolGeometry g, float[] x, float[] dy, float[] dx) {
        int ch = g.c();
        int blocks = Math.max(1, Math.min((ch + MIN_CHANNEL_BLOCK - 1) / MIN_CHANNEL_BLOCK, (Parallel.threads() + g.n() - 1) / Math.max(1, g.n())));
        int blockSize = (ch + blocks - 1) / blocks;
        boolean simd = VectorSupport.enabled();
        Parallel.forRange(g.n() * blocks, 1, (s, e) -> {
            float[] best = new float[blockSize];
            int[] at = new int[blockSize];
            int[] taps = new int[g.kh() * g.kw()];
            for (int unit = s; unit < e; unit++) {
                int n = unit / blocks;
                int c0 = (unit % blocks) * blockSize;
                int width = Math.min(ch, c0 + blockSize) - c0;
                // This unit's part of dx starts at zero; only window maxima receive gradient.
                for (int pixel = n * g.h() * g.w(), end = pixel + g.h() * g.w(); pixel < end; pixel++) {
                    java.util.Arrays.fill(dx, pixel * ch + c0, pixel * ch + c0 + width, 0f);
                }
                for (int i = 0; i < g.oh(); i++) {
                    for (int j = 0; j < g.ow(); j++) {
                        int count = 0;
                        for (int r = g.rowStart(i); r < g.rowEnd(i); r++) {
                            for (int col = g.colStart(j); col < g.colEnd(j); col++) {
                                taps[count++] = ((n * g.h() + r) * g.w() + col) * ch;
                            }
                        }
                        int o = ((n * g.oh() + i) * g.ow() + j) * ch + c0;
                        int done = simd ? VectorMaxPoolGradient.window(x, dy, dx, taps, count, c0, width, o) : 0;
                        scalarWindow(x, dy, dx, taps, count, c0 + done, width - done, o + done, best, at);
                    }
                }
            }
        });
    }

    /** One window's gradient for channels [c0, c0 + width), branch-free as conditional moves. */
    private static void scalarWindow(float[] x, float[] dy, float[] dx, int[] taps, int count, int c0, int width, int o,
                                     float[] best, int[] at) {
        for (int c = 0; c < width; c++) {
            best[c] = x[taps[0] + c0 + c];
            at[c] = taps[0] + c0 + c;
        }
        for (int t = 1; t < count; t++) {
            int p = taps[t] + c0;
            for (int c = 0; c < width; c++) {
                float v = x[p + c];
                boolean greater = v > best[c];
                best[c] = greater ? v : best[c];
                at[c] = greater ? p + c : at[c];
            }
        }
        for (int c = 0; c < width; c++) {
            dx[at[c]] += dy[o + c];
        }
    }

    private static void avgPool(PoolGeometry g, float[] x, float[] y) {
        int ch = g.c();
        Parallel.forRange(g.n() * g.oh(), rowGrain(g), (s, e) -> {
            for (int ni = s; ni < e; ni++) {
                int n = ni / g.oh();
                int i = ni % g.oh();
                for (int j = 0; j < g.ow(); j++) {
                    int o = (ni * g.ow() + j) * ch;
                    java.util.Arrays.fill(y, o, o + ch, 0f);
                    for (int r = g.rowStart(i); r < g.rowEnd(i); r++) {
                        for (int col = g.colStart(j); col < g.colEnd(j); col++) {
                            int p = ((n * g.h() + r) * g.w() + col) * ch;
                            for (int c = 0; c < ch; c++) {
                                y[o + c] += x[p + c];
                            }
                        }
                    }
                    float inv = 1f / ((g.rowEnd(i) - g.rowStart(i)) * (g.colEnd(j) - g.colStart(j)));
                    for (int c = 0; c < ch; c++) {
                        y[o + c] *= inv;
                    }
                }
            }
        });
    }

    /**
     * Gathers, for each input pixel, dy / (window size) over the windows that contain it: windows
     * i with i·strideH − padTop ≤ row < i·strideH − padTop + kh, likewise for columns.
     */
    private static void avgPoolGrad(PoolGeometry g, float[] dy, float[] dx) {
        int ch = g.c();
        float[] inv = new float[g.oh() * g.ow()];
        for (int i = 0; i < g.oh(); i++) {
            for (int j = 0; j < g.ow(); j++) {
                inv[i * g.ow() + j] = 1f / ((g.rowEnd(i) - g.rowStart(i)) * (g.colEnd(j) - g.colStart(j)));
            }
        }
        int[] firstCol = new int[g.w()];
        int[] lastCol = new int[g.w()];
        for (int col = 0; col < g.w(); col++) {
            firstCol[col] = Math.max(0, Math.floorDiv(col + g.padLeft() - g.kw(), g.strideW()) + 1);
            lastCol[col] = Math.min(g.ow() - 1, Math.floorDiv(col + g.padLeft(), g.strideW()));
        }
        Parallel.forRange(g.n() * g.h(), Math.max(1, (1 << 14) / Math.max(1, g.w() * ch)), (s, e) -> {
            for (int nr = s; nr < e; nr++) {
                int n = nr / g.h();
                int r = nr % g.h();
                int firstRow = Math.max(0, Math.floorDiv(r + g.padTop() - g.kh(), g.strideH()) + 1);
                int lastRow = Math.min(g.oh() - 1, Math.floorDiv(r + g.padTop(), g.strideH()));
                for (int col = 0; col < g.w(); col++) {
                    int p = (nr * g.w() + col) * ch;
                    java.util.Arrays.fill(dx, p, p + ch, 0f);
                    for (int i = firstRow; i <= lastRow; i++) {
                        for (int j = firstCol[col]; j <= lastCol[col]; j++) {
                            int o = ((n * g.oh() + i) * g.ow() + j) * ch;
                            float w = inv[i * g.ow() + j];
                            for (int c = 0; c < ch; c++) {
                                dx[p + c] += dy[o + c] * w;
                            }
                        }
                    }
                }
            }
        });
    }
}

package dev.imgcls.kernels.cpu;

import dev.imgcls.kernels.host.Broadcast;
import dev.imgcls.tensor.NoAttrs;
import dev.imgcls.tensor.Shape;
import dev.imgcls.tensor.spi.Kernel;
import dev.imgcls.tensor.spi.TensorAccess;

import java.util.Arrays;

/**
 * A FLOAT32 binary op over NumPy-broadcast operands, as runs of {@link BinaryLoops}. The output's
 * axes are merged wherever both operands stay contiguous (or both stay broadcast) across them,
 * so same-shape inputs become one run, a bias or per-channel scale over NHWC becomes rows of C,
 * a squeeze-excite scale [N,1,1,C] rows of C with a row offset per image, a scalar one run with
 * a repeated operand. The output is split evenly over threads by element, whatever the rows.
 */
final class BroadcastBinary {
    private static final int GRAIN = 1 << 15;

    private BroadcastBinary() {
    }

    static Kernel<NoAttrs> kernel(BinaryLoops f) {
        return (attrs, in, out) -> run(f, TensorAccess.host(in[0]).floats(), in[0].shape(), TensorAccess.host(in[1]).floats(), in[1].shape(),
                TensorAccess.host(out[0]).floats(), out[0].shape());
    }

    static void run(BinaryLoops f, float[] a, Shape aShape, float[] b, Shape bShape, float[] y, Shape outShape) {
        if (y.length == 0) {
            return;
        }
        int[] dims = outShape.dims();
        int[] sa = Broadcast.stridesAgainst(aShape, outShape);
        int[] sb = Broadcast.stridesAgainst(bShape, outShape);
        int[] d = new int[dims.length + 1];
        int[] xa = new int[d.length];
        int[] xb = new int[d.length];
        int n = 0;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] == 1) {
                continue;
            }
            if (n > 0 && xa[n - 1] == sa[i] * dims[i] && xb[n - 1] == sb[i] * dims[i]) {
                d[n - 1] *= dims[i];
                xa[n - 1] = sa[i];
                xb[n - 1] = sb[i];
            } else {
                d[n] = dims[i];
                xa[n] = sa[i];
                xb[n] = sb[i];
                n++;
            }
        }
        if (n == 0) {
            d[0] = 1;
            n = 1;
        }
        // After merging, the innermost axis has stride 1 (operand runs along it) or 0 (repeated).
        int runLength = d[n - 1];
        boolean aRuns = xa[n - 1] == 1;
        boolean bRuns = xb[n - 1] == 1;
        if (n == 2 && aRuns && bRuns && xa[0] == runLength && xb[0] == 0) {
            // [rows, len] against one repeated row: per-row calls would cost more than short rows' work.
            Parallel.forRange(d[0], Math.max(1, GRAIN / runLength), (s, e) -> f.repeatedRows(a, b, y, s, e, runLength));
            return;
        }
        int[] outer = Arrays.copyOf(d, n - 1);
        int[] outerA = Arrays.copyOf(xa, n - 1);
        int[] outerB = Arrays.copyOf(xb, n - 1);
        Parallel.forRange(y.length, GRAIN, (s, e) -> {
            Odometer row = new Odometer(outer, outerA, outerB, s / runLength);
            int col = s % runLength;
            for (int pos = s; pos < e; row.next()) {
                int len = Math.min(runLength - col, e - pos);
                int ao = row.offsetA() + (aRuns ? col : 0);
                int bo = row.offsetB() + (bRuns ? col : 0);
                if (aRuns && bRuns) {
                    f.both(a, ao, b, bo, y, pos, len);
                } else if (aRuns) {
                    f.rightScalar(a, ao, b[bo], y, pos, len);
                } else if (bRuns) {
                    f.leftScalar(a[ao], b, bo, y, pos, len);
                } else {
                    f.both(a, ao, b, bo, y, pos, 1);
                    Arrays.fill(y, pos + 1, pos + len, y[pos]);
                }
                pos += len;
                col = 0;
            }
        });
    }
}

package dev.imgcls.kernels.cpu.gemm;

import dev.imgcls.kernels.cpu.Parallel;

/**
 * Blocked GEMM around one {@link MicroKernel}, in the usual three cache levels: B is packed a
 * KC×NC block at a time (shared by every row of the block), A is taken an MC×KC block at a time
 * (packed row-major, or read in place), and the micro-kernel sweeps MR-row tiles down each
 * packed B panel, which stays in L1/L2. Work is split over threads by whole tiles of rows or of
 * columns, so each thread owns distinct C tiles and packs its own operands; nothing is shared
 * but the read-only inputs. Buffers are per thread and per driver, allocated once.
 */
final class GemmDriver {
    // Block sizes, tuned on Zen 4 (1 MiB L2 per core); -Dimgcls.gemm.mc/kc/nc override them for
    // tuning elsewhere (MC a multiple of 4, NC of the panel width).
    /** Rows of A per block (kept in L2 while the panels of B go by). */
    static final int MC = Integer.getInteger("imgcls.gemm.mc", 96);
    /** Depth of a block: a B panel of KC×(4 vectors) floats streams from L2 per tile. */
    static final int KC = Integer.getInteger("imgcls.gemm.kc", 384);
    /** Columns of B packed at once (rounded down to whole panels per kernel). */
    static final int NC_WANTED = Integer.getInteger("imgcls.gemm.nc", 1024);
    /** Below this many multiply-adds a call stays on the calling thread. */
    private static final long PARALLEL_MIN_MACS = 1L << 20;

    private final MicroKernel kernel;
    private final int lanes;
    private final int nr;
    private final int nc;
    private final ThreadLocal<Buffers> buffers;

    GemmDriver(MicroKernel kernel) {
        this.kernel = kernel;
        this.lanes = kernel.lanes();
        this.nr = kernel.panelWidth();
        this.nc = NC_WANTED / nr * nr;
        if (MC <= 0 || KC <= 0 || nc <= 0 || MC % MicroKernel.ROWS != 0) {
            throw new IllegalStateException("GEMM blocks MC " + MC + " / KC " + KC + " / NC " + NC_WANTED
                    + " must be positive, MC a multiple of " + MicroKernel.ROWS + " and NC at least the panel width " + nr);
        }
        this.buffers = ThreadLocal.withInitial(() -> new Buffers(lanes, nc));
    }

    /** Per-thread packing space. */
    private static final class Buffers {
        final float[] a = new float[MC * KC];
        final float[] b;
        final float[] tile;
        final int[] aRows = new int[MC];
        final int[] cRows = new int[MC];
        final int[] tileRows = new int[MicroKernel.ROWS];

        Buffers(int lanes, int nc) {
            b = new float[KC * nc];
            tile = new float[MicroKernel.ROWS * lanes];
        }
    }

    /**
     * C[m×n] (+)= A[:, kBegin:kEnd]·B[kBegin:kEnd, :] over at most {@code threads} threads (≤ 0:
     * all of {@link Parallel#threads()}). With an empty K range and no accumulation C is zeroed.
     */
    void run(int m, int n, int kBegin, int kEnd, GemmA a, GemmB b, GemmC c, boolean accumulate, int threads) {
        if (m < 0 || n < 0 || kBegin < 0 || kEnd < kBegin) {
            throw new IllegalArgumentException("bad GEMM extents m=" + m + " n=" + n + " k=[" + kBegin + ", " + kEnd + ")");
        }
        if (m == 0 || n == 0) {
            return;
        }
        if (kEnd == kBegin) {
            if (!accumulate) {
                zero(m, n, c);
            }
            return;
        }
        int t = threads <= 0 ? Parallel.threads() : Math.min(threads, Parallel.threads());
        if ((long) m * n * (kEnd - kBegin) < PARALLEL_MIN_MACS) {
            t = 1;
        }
        int rowTiles = ceilDiv(m, MicroKernel.ROWS);
        int colTiles = ceilDiv(n, nr);
        if (t == 1 || Math.max(rowTiles, colTiles) < 2) {
            serial(0, m, 0, n, kBegin, kEnd, a, b, c, accumulate);
        } else if (rowTiles >= colTiles) {
            int chunks = Math.min(t, rowTiles);
            Parallel.forChunks(chunks, (i, count) -> {
                int r0 = Math.min(m, (int) ((long) rowTiles * i / count) * MicroKernel.ROWS);
                int r1 = Math.min(m, (int) ((long) rowTiles * (i + 1) / count) * MicroKernel.ROWS);
                serial(r0, r1, 0, n, kBegin, kEnd, a, b, c, accumulate);
            });
        } else {
            int chunks = Math.min(t, colTiles);
            Parallel.forChunks(chunks, (i, count) -> {
                int j0 = Math.min(n, (int) ((long) colTiles * i / count) * nr);
                int j1 = Math.min(n, (int) ((long) colTiles * (i + 1) / count) * nr);
                serial(0, m, j0, j1, kBegin, kEnd, a, b, c, accumulate);
            });
        }
    }

    private static void zero(int m, int n, GemmC c) {
        float[] arr = c.array();
        for (int i = 0; i < m; i++) {
            int o = c.rowOffset(i);
            java.util.Arrays.fill(arr, o, o + n, 0f);
        }
    }

    /** The blocked loops over C[rowFrom:rowTo, colFrom:colTo] on the calling thread. */
    private void serial(int rowFrom, int rowTo, int colFrom, int colTo, int kBegin, int kEnd,
                        GemmA a, GemmB b, GemmC c, boolean accumulate) {
        if (rowFrom >= rowTo || colFrom >= colTo) {
            return;
        }
        Buffers buf = buffers.get();
        // Equal-sized blocks: a short last block would pay the tile load/store for little work.
        int k = kEnd - kBegin;
        int kcStep = ceilDiv(k, ceilDiv(k, KC));
        int rows = rowTo - rowFrom;
        int mcStep = Math.min(MC, roundUp(ceilDiv(rows, ceilDiv(rows, MC)), MicroKernel.ROWS));
        for (int jc = colFrom; jc < colTo; jc += this.nc) {
            int nc = Math.min(this.nc, colTo - jc);
            int panels = ceilDiv(nc, nr);
            int blockStride = panels * nr;
            if ((long) k * blockStride <= buf.b.length) {
                // All of B's K fits the buffer (few columns, as in convolutions): pack it once and
                // run K innermost, so each C block stays in cache across the K blocks instead of
                // streaming through memory once per K block.
                for (int pc = kBegin; pc < kEnd; pc += kcStep) {
                    b.packPanels(pc, Math.min(kcStep, kEnd - pc), jc, nc, buf.b, (pc - kBegin) * blockStride, nr);
                }
                for (int ic = rowFrom; ic < rowTo; ic += mcStep) {
                    for (int pc = kBegin; pc < kEnd; pc += kcStep) {
                        block(buf, a, c, ic, Math.min(mcStep, rowTo - ic), pc, Math.min(kcStep, kEnd - pc), jc, nc,
                                (pc - kBegin) * blockStride, accumulate || pc > kBegin, pc == kBegin);
                    }
                }
            } else {
                for (int pc = kBegin; pc < kEnd; pc += kcStep) {
                    int kc = Math.min(kcStep, kEnd - pc);
                    b.packPanels(pc, kc, jc, nc, buf.b, 0, nr);
                    for (int ic = rowFrom; ic < rowTo; ic += mcStep) {
                        block(buf, a, c, ic, Math.min(mcStep, rowTo - ic), pc, kc, jc, nc, 0, accumulate || pc > kBegin, true);
                    }
                }
            }
        }
    }

    /**
     * C[ic:ic+mc, jc:jc+nc] (+)= A[ic:ic+mc, pc:pc+kc]·(packed B block at bBase). {@code newRows}:
     * the C row offsets must be (re)computed, i.e. the rows changed since the last call.
     */
    private void block(Buffers buf, GemmA a, GemmC c, int ic, int mc, int pc, int kc, int jc, int nc,
                       int bBase, boolean load, boolean newRows) {
        float[] direct = a.direct();
        float[] aArr;
        if (direct != null) {
            aArr = direct;
            for (int r = 0; r < mc; r++) {
                buf.aRows[r] = a.directOffset(ic + r, pc);
            }
        } else {
            aArr = buf.a;
            a.packRows(ic, mc, pc, kc, buf.a, 0, kc);
            for (int r = 0; r < mc; r++) {
                buf.aRows[r] = r * kc;
            }
        }
        if (newRows) {
            for (int r = 0; r < mc; r++) {
                buf.cRows[r] = c.rowOffset(ic + r) + jc;
            }
        }
        float[] cArr = c.array();
        for (int jp = 0; jp * nr < nc; jp++) {
            int cols = Math.min(nr, nc - jp * nr);
            int bOff = bBase + jp * kc * nr;
            for (int ir = 0; ir < mc; ir += MicroKernel.ROWS) {
                tile(buf, Math.min(MicroKernel.ROWS, mc - ir), cols, ir, jp * nr, kc, aArr, buf.b, bOff, cArr, load);
            }
        }
    }

    /** One tile: rows of the block from ir, panel columns [0, cols) landing at C column colOff. */
    private void tile(Buffers buf, int rows, int cols, int ir, int colOff, int kc,
                      float[] aArr, float[] bPack, int bOff, float[] cArr, boolean load) {
        int[] ar = buf.aRows;
        int[] cr = buf.cRows;
        if (rows == MicroKernel.ROWS && cols == nr) {
            kernel.full(kc, aArr, ar[ir], ar[ir + 1], ar[ir + 2], ar[ir + 3], bPack, bOff,
                    cArr, cr[ir] + colOff, cr[ir + 1] + colOff, cr[ir + 2] + colOff, cr[ir + 3] + colOff, load);
            return;
        }
        // Edges: one vector of columns at a time; a partial vector goes through a scratch tile.
        int[] co = buf.tileRows;
        for (int v = 0; v * lanes < cols; v++) {
            int width = Math.min(lanes, cols - v * lanes);
            int vb = bOff + v * lanes;
            int vc = colOff + v * lanes;
            if (width == lanes) {
                for (int r = 0; r < rows; r++) {
                    co[r] = cr[ir + r] + vc;
                }
                vectorTile(rows, ir, kc, aArr, bPack, vb, cArr, co, ar, load);
            } else {
                float[] t = buf.tile;
                for (int r = 0; r < rows; r++) {
                    co[r] = r * lanes;
                    if (load) {
                        System.arraycopy(cArr, cr[ir + r] + vc, t, r * lanes, width);
                    }
                }
                vectorTile(rows, ir, kc, aArr, bPack, vb, t, co, ar, load);
                for (int r = 0; r < rows; r++) {
                    System.arraycopy(t, r * lanes, cArr, cr[ir + r] + vc, width);
                }
            }
        }
    }

    /** Rows × one vector of columns; C row r at co[r]. */
    private void vectorTile(int rows, int ir, int kc, float[] aArr, float[] bPack, int bOff,
                            float[] c, int[] co, int[] ar, boolean load) {
        if (rows == MicroKernel.ROWS) {
            kernel.narrow(kc, aArr, ar[ir], ar[ir + 1], ar[ir + 2], ar[ir + 3], bPack, bOff, c, co[0], co[1], co[2], co[3], load);
            return;
        }
        for (int r = 0; r < rows; r++) {
            kernel.single(kc, aArr, ar[ir + r], bPack, bOff, c, co[r], load);
        }
    }

    static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    private static int roundUp(int a, int b) {
        return ceilDiv(a, b) * b;
    }
}

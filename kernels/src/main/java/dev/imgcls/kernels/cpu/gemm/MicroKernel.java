package dev.imgcls.kernels.cpu.gemm;

/**
 * The innermost piece of the GEMM: accumulates a small tile of C over a block of K, reading A as
 * row-major rows (any row offsets in one array) and B as one packed panel of {@link #panelWidth()}
 * columns (for each k, panelWidth consecutive floats). C rows are given by their offsets, so the
 * tile may be scattered. With {@code load} false the tile is overwritten instead of added to.
 * Tiles are {@value #ROWS} rows high; columns come in "vectors" of {@link #lanes()} floats, as
 * many vectors to a panel as the CPU's register file holds accumulators for.
 */
interface MicroKernel {
    int ROWS = 4;

    /** Floats per column vector. */
    int lanes();

    /** Columns of a packed B panel: a whole number of vectors. */
    int panelWidth();

    /** Four rows by the whole panel width. */
    void full(int kc, float[] a, int a0, int a1, int a2, int a3, float[] b, int bOff,
              float[] c, int c0, int c1, int c2, int c3, boolean load);

    /** Four rows by one vector of columns starting at panel column {@code bOff % panelWidth}. */
    void narrow(int kc, float[] a, int a0, int a1, int a2, int a3, float[] b, int bOff,
                float[] c, int c0, int c1, int c2, int c3, boolean load);

    /** One row by one vector of columns. */
    void single(int kc, float[] a, int a0, float[] b, int bOff, float[] c, int c0, boolean load);
}

// Max and average pooling over NHWC float32 and their gradients, with TensorFlow's rules as the
// reference backend states them: window (i, j) covers input rows [i·sh − padTop, … + kh) and the
// matching columns, CLIPPED to the image (padding never takes part; SAME may pad one more pixel at
// the bottom/right, which the clipping handles); max: NaN propagates, +0 wins over −0; average:
// divides by the window's in-image pixel count. Gradients: max_pool_grad routes each window's dy to
// its FIRST maximum in scan order (rows, then columns; a later pixel wins only if strictly larger).
// Forward: one thread per output element. Backward: one thread per INPUT element that gathers
// from the windows containing it (no atomics, deterministic), accumulating in double in window
// order (i, then j) as the reference does, then rounding once to float.
#include "imgcls_common.cuh"

struct PoolGeo {
    int n, h, w, c, kh, kw, oh, ow, sh, sw, padTop, padLeft;
};

__device__ __forceinline__ int imax(int a, int b) { return a > b ? a : b; }
__device__ __forceinline__ int imin(int a, int b) { return a < b ? a : b; }
__device__ __forceinline__ int row_start(const PoolGeo& g, int i) { return imax(0, i * g.sh - g.padTop); }
__device__ __forceinline__ int row_end(const PoolGeo& g, int i) { return imin(g.h, i * g.sh - g.padTop + g.kh); }
__device__ __forceinline__ int col_start(const PoolGeo& g, int j) { return imax(0, j * g.sw - g.padLeft); }
__device__ __forceinline__ int col_end(const PoolGeo& g, int j) { return imin(g.w, j * g.sw - g.padLeft + g.kw); }

__device__ __forceinline__ long long pixel(const PoolGeo& g, int n, int r, int c) {
    return (((long long)n * g.h + r) * g.w + c) * g.c;
}

// Java's Math.max: NaN if either is NaN, +0 above −0.
__device__ __forceinline__ float java_max(float m, float v) {
    if (m != m || v != v) return IMGCLS_NAN;
    if (v == 0.0f && m == 0.0f) return __float_as_int(m) < 0 ? v : m;  // m is −0: take v (+0 or −0)
    return v > m ? v : m;
}

extern "C" __global__ void max_pool_f32(const float* __restrict__ x, float* __restrict__ y, PoolGeo g) {
    long long total = (long long)g.n * g.oh * g.ow * g.c;
    GRID_STRIDE_LOOP(e, total) {
        int ch = (int)(e % g.c);
        long long p = e / g.c;
        int j = (int)(p % g.ow);
        int i = (int)(p / g.ow % g.oh);
        int n = (int)(p / ((long long)g.ow * g.oh));
        float m = -IMGCLS_INF;
        for (int r = row_start(g, i); r < row_end(g, i); r++)
            for (int c = col_start(g, j); c < col_end(g, j); c++) m = java_max(m, x[pixel(g, n, r, c) + ch]);
        y[e] = m;
    }
}

extern "C" __global__ void avg_pool_f32(const float* __restrict__ x, float* __restrict__ y, PoolGeo g) {
    long long total = (long long)g.n * g.oh * g.ow * g.c;
    GRID_STRIDE_LOOP(e, total) {
        int ch = (int)(e % g.c);
        long long p = e / g.c;
        int j = (int)(p % g.ow);
        int i = (int)(p / g.ow % g.oh);
        int n = (int)(p / ((long long)g.ow * g.oh));
        double sum = 0.0;
        for (int r = row_start(g, i); r < row_end(g, i); r++)
            for (int c = col_start(g, j); c < col_end(g, j); c++) sum += x[pixel(g, n, r, c) + ch];
        int count = (row_end(g, i) - row_start(g, i)) * (col_end(g, j) - col_start(g, j));
        y[e] = (float)(sum / count);
    }
}

// Output rows whose window contains input row r: i·s − pad ≤ r < i·s − pad + k.
__device__ __forceinline__ int first_window(int r, int pad, int k, int s) {
    int t = r + pad - k + 1;  // i·s ≥ t
    return t <= 0 ? 0 : (t + s - 1) / s;
}
__device__ __forceinline__ int last_window(int r, int pad, int s, int outSize) {
    return imin(outSize - 1, (r + pad) / s);  // i·s ≤ r + pad
}

extern "C" __global__ void max_pool_grad_f32(const float* __restrict__ x, const float* __restrict__ dy, float* __restrict__ dx, PoolGeo g) {
    long long total = (long long)g.n * g.h * g.w * g.c;
    GRID_STRIDE_LOOP(e, total) {
        int ch = (int)(e % g.c);
        long long p = e / g.c;
        int col = (int)(p % g.w);
        int row = (int)(p / g.w % g.h);
        int n = (int)(p / ((long long)g.w * g.h));
        double acc = 0.0;
        int i1 = last_window(row, g.padTop, g.sh, g.oh), j1 = last_window(col, g.padLeft, g.sw, g.ow);
        for (int i = first_window(row, g.padTop, g.kh, g.sh); i <= i1; i++) {
            for (int j = first_window(col, g.padLeft, g.kw, g.sw); j <= j1; j++) {
                // The window's first maximum in scan order, as the reference's argMax.
                int bestR = -1, bestC = -1;
                float best = 0.0f;
                for (int r = row_start(g, i); r < row_end(g, i); r++) {
                    for (int c = col_start(g, j); c < col_end(g, j); c++) {
                        float v = x[pixel(g, n, r, c) + ch];
                        if (bestR < 0 || v > best) {
                            best = v;
                            bestR = r;
                            bestC = c;
                        }
                    }
                }
                if (bestR == row && bestC == col) acc += dy[(((long long)n * g.oh + i) * g.ow + j) * g.c + ch];
            }
        }
        dx[e] = (float)acc;
    }
}

extern "C" __global__ void avg_pool_grad_f32(const float* __restrict__ dy, float* __restrict__ dx, PoolGeo g) {
    long long total = (long long)g.n * g.h * g.w * g.c;
    GRID_STRIDE_LOOP(e, total) {
        int ch = (int)(e % g.c);
        long long p = e / g.c;
        int col = (int)(p % g.w);
        int row = (int)(p / g.w % g.h);
        int n = (int)(p / ((long long)g.w * g.h));
        double acc = 0.0;
        int i1 = last_window(row, g.padTop, g.sh, g.oh), j1 = last_window(col, g.padLeft, g.sw, g.ow);
        for (int i = first_window(row, g.padTop, g.kh, g.sh); i <= i1; i++) {
            for (int j = first_window(col, g.padLeft, g.kw, g.sw); j <= j1; j++) {
                int count = (row_end(g, i) - row_start(g, i)) * (col_end(g, j) - col_start(g, j));
                acc += (double)dy[(((long long)n * g.oh + i) * g.ow + j) * g.c + ch] / count;
            }
        }
        dx[e] = (float)acc;
    }
}

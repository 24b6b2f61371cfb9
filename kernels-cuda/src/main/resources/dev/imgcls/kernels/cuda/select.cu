// Selection ops for every dtype: argmax (INT64 result), top_k (values + INT32 indices, descending,
// equal values lower index first), top_k_grad (FLOAT32 scatter) and one_hot.
// Ordering: each value maps to a signed 64-bit key whose order is the numeric order with −0 equal
// to +0 and every NaN equal to one NaN above +∞ (the reference backend's rule), so comparisons are
// integer comparisons. Layout: row-major; argmax works along any axis (outer × n × inner), top_k
// along the last axis. No floating accumulation except top_k_grad, which adds a row's gradients
// in index order j = 0..k-1 starting from 0 (the CPU kernel's order).
#include "imgcls_common.cuh"

__device__ __forceinline__ long long order_key(float v) {
    int bits = (v != v) ? 0x7fc00000 : (v == 0.0f ? 0 : __float_as_int(v));
    return (long long)(bits ^ ((bits >> 31) & 0x7fffffff));
}
__device__ __forceinline__ long long order_key(double v) {
    long long bits = (v != v) ? 0x7ff8000000000000LL : (v == 0.0 ? 0LL : __double_as_longlong(v));
    return bits ^ ((bits >> 63) & 0x7fffffffffffffffLL);
}
__device__ __forceinline__ long long order_key(int v) { return v; }
__device__ __forceinline__ long long order_key(long long v) { return v; }
__device__ __forceinline__ long long order_key(unsigned char v) { return v; }

// y[o] for o = (outer, inner): index k in [0, n) of the first largest x[outer, k, inner].
template <typename T>
__device__ void argmax(const T* __restrict__ x, long long* __restrict__ y, long long outCount, int n, long long inner) {
    GRID_STRIDE_LOOP(o, outCount) {
        long long base = (o / inner) * n * inner + o % inner;
        long long best = order_key(x[base]);
        int bestK = 0;
        for (int k = 1; k < n; k++) {
            long long key = order_key(x[base + (long long)k * inner]);
            if (key > best) {
                best = key;
                bestK = k;
            }
        }
        y[o] = bestK;
    }
}

// (key, index) a comes before b: larger key, or equal key and lower index.
__device__ __forceinline__ bool before(long long ka, int ia, long long kb, int ib) {
    return ka > kb || (ka == kb && ia < ib);
}

#define TOPK_THREADS 256
#define NO_INDEX 0x7fffffff

// One block (TOPK_THREADS threads) per row of n: k selection passes; pass j picks the first
// element (in the before() order) among those after pass j−1's pick. Exact, O(k·n / threads).
template <typename T>
__device__ void top_k(const T* __restrict__ x, T* __restrict__ values, int* __restrict__ indices, long long rows, int n, int k) {
    __shared__ long long keys[TOPK_THREADS];
    __shared__ int idx[TOPK_THREADS];
    for (long long r = blockIdx.x; r < rows; r += gridDim.x) {
        const T* row = x + r * n;
        long long prevKey = 0;
        int prevIdx = -1;  // no pick yet: every element qualifies
        for (int j = 0; j < k; j++) {
            long long bestKey = 0;
            int bestIdx = NO_INDEX;
            for (int c = threadIdx.x; c < n; c += blockDim.x) {
                long long key = order_key(row[c]);
                bool after = prevIdx < 0 || before(prevKey, prevIdx, key, c);
                if (after && (bestIdx == NO_INDEX || before(key, c, bestKey, bestIdx))) {
                    bestKey = key;
                    bestIdx = c;
                }
            }
            keys[threadIdx.x] = bestKey;
            idx[threadIdx.x] = bestIdx;
            __syncthreads();
            for (int s = blockDim.x / 2; s > 0; s >>= 1) {
                if (threadIdx.x < s) {
                    int io = idx[threadIdx.x + s];
                    if (io != NO_INDEX && (idx[threadIdx.x] == NO_INDEX || before(keys[threadIdx.x + s], io, keys[threadIdx.x], idx[threadIdx.x]))) {
                        keys[threadIdx.x] = keys[threadIdx.x + s];
                        idx[threadIdx.x] = io;
                    }
                }
                __syncthreads();
            }
            prevKey = keys[0];
            prevIdx = idx[0];
            if (threadIdx.x == 0) {
                values[r * k + j] = row[prevIdx];
                indices[r * k + j] = prevIdx;
            }
            __syncthreads();  // keys[0]/idx[0] are read by all before the next pass overwrites them
        }
    }
}

#define SELECT_KERNELS(SUFFIX, T)                                                                            \
    extern "C" __global__ void argmax_##SUFFIX(const T* x, long long* y, long long outCount, int n, long long inner) { \
        argmax(x, y, outCount, n, inner);                                                                    \
    }                                                                                                        \
    extern "C" __global__ void top_k_##SUFFIX(const T* x, T* values, int* indices, long long rows, int n, int k) { \
        top_k(x, values, indices, rows, n, k);                                                               \
    }

SELECT_KERNELS(f32, float)
SELECT_KERNELS(f64, double)
SELECT_KERNELS(i32, int)
SELECT_KERNELS(i64, long long)
SELECT_KERNELS(u8, unsigned char)

// dx[r, c] = Σ_{j: idx[r, j] = c} g[r, j], j ascending. A thread per element of dx; the threads of
// columns c < k also check idx[r, c] and record the first bad flat position in *bad (atomicMin).
extern "C" __global__ void top_k_grad_f32(const float* __restrict__ g, const int* __restrict__ idx, float* __restrict__ dx,
                                          long long rows, int n, int k, long long* bad) {
    GRID_STRIDE_LOOP(e, rows * n) {
        long long r = e / n;
        int c = (int)(e % n);
        const int* ri = idx + r * k;
        const float* rg = g + r * k;
        float acc = 0.0f;
        for (int j = 0; j < k; j++) {
            if (ri[j] == c) acc += rg[j];
        }
        dx[e] = acc;
        if (c < k && (ri[c] < 0 || ri[c] >= n)) atomicMin((unsigned long long*)bad, (unsigned long long)(r * k + c));
    }
}

// y[i, d] = (idx[i] == d) ? on : off over depth d; on/off are the output dtype's bit patterns.
template <typename I, typename O>
__device__ void one_hot(const I* __restrict__ idx, O* __restrict__ y, long long count, int depth, O on, O off) {
    GRID_STRIDE_LOOP(e, count * depth) {
        long long hot = (long long)idx[e / depth];
        y[e] = hot == e % depth ? on : off;
    }
}

#define ONE_HOT_KERNEL(IN, I, OUT, O)                                                                               \
    extern "C" __global__ void one_hot_##IN##_##OUT(const I* idx, O* y, long long count, int depth, unsigned long long on, \
                                                   unsigned long long off) {                                        \
        one_hot(idx, y, count, depth, (O)on, (O)off);                                                              \
    }

ONE_HOT_KERNEL(i32, int, b1, unsigned char)
ONE_HOT_KERNEL(i32, int, b4, unsigned int)
ONE_HOT_KERNEL(i32, int, b8, unsigned long long)
ONE_HOT_KERNEL(i64, long long, b1, unsigned char)
ONE_HOT_KERNEL(i64, long long, b4, unsigned int)
ONE_HOT_KERNEL(i64, long long, b8, unsigned long long)

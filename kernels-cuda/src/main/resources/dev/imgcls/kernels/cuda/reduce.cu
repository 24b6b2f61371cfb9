// Reductions over any set of axes (sum, max) of a row-major float32 tensor.
// The host splits the input axes into KEPT axes (define the output element) and REDUCED axes
// (iterated per output element), each with its dims and input element strides: ReducePlan.
// reduce_f32: one warp per output element (many outputs); reduce_block_f32: one block per output
// element (few outputs over many elements, e.g. a full sum). Lanes stride over the reduced
// elements and combine with shuffles, then (block variant) through shared memory.
// Accumulation: each output element is ASSIGNED once (y[o] = sum or max), never +=.
// max: -inf over an empty reduction, NaN propagates (fmaxf would drop NaN, so it is tested explicitly).
#include "imgcls_common.cuh"

struct ReducePlan {
    long long keptRank;
    long long keptDims[IMGCLS_MAX_RANK];
    long long keptStrides[IMGCLS_MAX_RANK];
    long long redRank;
    long long redDims[IMGCLS_MAX_RANK];
    long long redStrides[IMGCLS_MAX_RANK];
    long long redCount;
};

__device__ __forceinline__ long long offset_of(long long index, long long rank, const long long* dims,
                                               const long long* strides) {
    long long off = 0;
    for (int d = (int)rank - 1; d >= 0; --d) {
        off += (index % dims[d]) * strides[d];
        index /= dims[d];
    }
    return off;
}

__device__ __forceinline__ float nan_max(float a, float b) {
    if (a != a || b != b) return IMGCLS_NAN;  // NaN propagates (fmaxf alone would drop it)
    return fmaxf(a, b);
}

#define R_SUM 0
#define R_MAX 1

extern "C" __global__ void reduce_f32(const float* __restrict__ x, float* __restrict__ y, long long outCount,
                                      int op, ReducePlan plan) {
    long long warpsPerGrid = ((long long)gridDim.x * blockDim.x) >> 5;
    long long warpId = ((long long)blockIdx.x * blockDim.x + threadIdx.x) >> 5;
    int lane = threadIdx.x & 31;
    for (long long o = warpId; o < outCount; o += warpsPerGrid) {
        long long base = offset_of(o, plan.keptRank, plan.keptDims, plan.keptStrides);
        float acc = op == R_SUM ? 0.0f : -IMGCLS_INF;
        for (long long r = lane; r < plan.redCount; r += 32) {
            float v = x[base + offset_of(r, plan.redRank, plan.redDims, plan.redStrides)];
            acc = op == R_SUM ? acc + v : nan_max(acc, v);
        }
        for (int s = 16; s > 0; s >>= 1) {
            float other = __shfl_down_sync(0xffffffffu, acc, s);
            acc = op == R_SUM ? acc + other : nan_max(acc, other);
        }
        if (lane == 0) y[o] = acc;
    }
}

// One block (blockDim.x a multiple of 32, at most 1024) per output element.
extern "C" __global__ void reduce_block_f32(const float* __restrict__ x, float* __restrict__ y, long long outCount,
                                            int op, ReducePlan plan) {
    __shared__ float scratch[32];
    int lane = threadIdx.x & 31, warp = threadIdx.x >> 5, warps = blockDim.x >> 5;
    for (long long o = blockIdx.x; o < outCount; o += gridDim.x) {
        long long base = offset_of(o, plan.keptRank, plan.keptDims, plan.keptStrides);
        float acc = op == R_SUM ? 0.0f : -IMGCLS_INF;
        for (long long r = threadIdx.x; r < plan.redCount; r += blockDim.x) {
            float v = x[base + offset_of(r, plan.redRank, plan.redDims, plan.redStrides)];
            acc = op == R_SUM ? acc + v : nan_max(acc, v);
        }
        for (int s = 16; s > 0; s >>= 1) {
            float other = __shfl_down_sync(0xffffffffu, acc, s);
            acc = op == R_SUM ? acc + other : nan_max(acc, other);
        }
        if (lane == 0) scratch[warp] = acc;
        __syncthreads();
        if (warp == 0) {
            acc = lane < warps ? scratch[lane] : (op == R_SUM ? 0.0f : -IMGCLS_INF);
            for (int s = 16; s > 0; s >>= 1) {
                float other = __shfl_down_sync(0xffffffffu, acc, s);
                acc = op == R_SUM ? acc + other : nan_max(acc, other);
            }
            if (lane == 0) y[o] = acc;
        }
        __syncthreads();
    }
}

// max_grad(x, y, g): count[o] = how many x in the reduction of output o equal y[o] (warp per
// output, as reduce_f32; counts are exact in float below 2^24 elements per output).
extern "C" __global__ void max_grad_count_f32(const float* __restrict__ x, const float* __restrict__ y, float* __restrict__ count,
                                              long long outCount, ReducePlan plan) {
    long long warpsPerGrid = ((long long)gridDim.x * blockDim.x) >> 5;
    long long warpId = ((long long)blockIdx.x * blockDim.x + threadIdx.x) >> 5;
    int lane = threadIdx.x & 31;
    for (long long o = warpId; o < outCount; o += warpsPerGrid) {
        long long base = offset_of(o, plan.keptRank, plan.keptDims, plan.keptStrides);
        float m = y[o];
        float acc = 0.0f;
        for (long long r = lane; r < plan.redCount; r += 32) {
            acc += x[base + offset_of(r, plan.redRank, plan.redDims, plan.redStrides)] == m ? 1.0f : 0.0f;
        }
        acc = warp_sum(acc);
        if (lane == 0) count[o] = acc;
    }
}

// dx[i] = g[o]/count[o] where x[i] equals its maximum y[o], else 0; o = the output element of
// input i, found through plan.strideA (the output's element strides on kept axes, 0 on reduced
// ones, over the input's dims). The division is done in double and rounded once (the reference).
extern "C" __global__ void max_grad_f32(const float* __restrict__ x, const float* __restrict__ y, const float* __restrict__ g,
                                        const float* __restrict__ count, float* __restrict__ dx, long long n, BroadcastPlan plan) {
    GRID_STRIDE_LOOP(i, n) {
        long long rest = i, o = 0;
        for (int d = (int)plan.rank - 1; d >= 0; --d) {
            o += (rest % plan.dims[d]) * plan.strideA[d];
            rest /= plan.dims[d];
        }
        dx[i] = x[i] == y[o] ? (float)((double)g[o] / (double)count[o]) : 0.0f;
    }
}

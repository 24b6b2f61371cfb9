// Shared helpers for the imgcls CUDA kernels. Included by NVRTC as a named header
// and by nvcc from this directory in the build check.
// Conventions for every kernel file:
//   * float32 data, row-major contiguous, activations NHWC (channels are the fastest axis).
//   * element counts and offsets are 64-bit (long long) so tensors above 2^31 elements index right.
//   * grid-stride loops: any launch size covers every element.
#pragma once

#define IMGCLS_MAX_RANK 8

// Defined here rather than taken from <math.h>: NVRTC compiles without the host headers.
#define IMGCLS_INF __int_as_float(0x7f800000)
#define IMGCLS_NAN __int_as_float(0x7fc00000)

#define GRID_STRIDE_LOOP(i, n)                                                              \
    for (long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x; i < (n);           \
         i += (long long)blockDim.x * gridDim.x)

// Shapes broadcast to an output: the output dims and, per input, the element stride of each
// output axis in that input (0 where the input has size 1 and is broadcast). Precomputed on the host.
struct BroadcastPlan {
    long long rank;
    long long dims[IMGCLS_MAX_RANK];
    long long strideA[IMGCLS_MAX_RANK];
    long long strideB[IMGCLS_MAX_RANK];
};

__device__ __forceinline__ float warp_sum(float v) {
    for (int o = 16; o > 0; o >>= 1) v += __shfl_down_sync(0xffffffffu, v, o);
    return v;
}

__device__ __forceinline__ float warp_max(float v) {
    for (int o = 16; o > 0; o >>= 1) v = fmaxf(v, __shfl_down_sync(0xffffffffu, v, o));
    return v;
}

// Block-wide sum/max; every thread gets the result. blockDim.x must be a multiple of 32 (≤ 1024).
__device__ __forceinline__ float block_sum(float v, float* scratch32) {
    int lane = threadIdx.x & 31, warp = threadIdx.x >> 5;
    v = warp_sum(v);
    __syncthreads();
    if (lane == 0) scratch32[warp] = v;
    __syncthreads();
    int warps = blockDim.x >> 5;
    v = (threadIdx.x < warps) ? scratch32[threadIdx.x] : 0.0f;
    if (warp == 0) v = warp_sum(v);
    if (threadIdx.x == 0) scratch32[0] = v;
    __syncthreads();
    return scratch32[0];
}

__device__ __forceinline__ float block_max(float v, float* scratch32) {
    int lane = threadIdx.x & 31, warp = threadIdx.x >> 5;
    v = warp_max(v);
    __syncthreads();
    if (lane == 0) scratch32[warp] = v;
    __syncthreads();
    int warps = blockDim.x >> 5;
    v = (threadIdx.x < warps) ? scratch32[threadIdx.x] : -IMGCLS_INF;
    if (warp == 0) v = warp_max(v);
    if (threadIdx.x == 0) scratch32[0] = v;
    __syncthreads();
    return scratch32[0];
}

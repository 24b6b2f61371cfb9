// Bias add (TF BiasAdd, NHWC): x is [rows, C] row-major (all leading axes flattened into rows),
// bias is [C] added along the last axis.
// Accumulation: bias_add_f32 ASSIGNS y. bias_grad_f32 ASSIGNS db[c] = sum over rows of g[r, c]
// (a deterministic reduction: fixed tree order, no atomics), so db need not be zeroed first.
#include "imgcls_common.cuh"

extern "C" __global__ void bias_add_f32(const float* __restrict__ x, const float* __restrict__ bias,
                                        float* __restrict__ y, long long n, int channels) {
    GRID_STRIDE_LOOP(i, n) { y[i] = x[i] + bias[i % channels]; }
}

// Block = 32 x 8 threads: x walks 32 adjacent channels (coalesced reads of a row), y splits the rows.
// grid.x = ceil(C / 32). Each block reduces its 8 partial column sums through shared memory.
extern "C" __global__ void bias_grad_f32(const float* __restrict__ g, float* __restrict__ db,
                                         long long rows, int channels) {
    __shared__ float partial[8][33];
    int c = blockIdx.x * 32 + threadIdx.x;
    float acc = 0.0f;
    if (c < channels) {
        for (long long r = threadIdx.y; r < rows; r += blockDim.y) acc += g[r * channels + c];
    }
    partial[threadIdx.y][threadIdx.x] = acc;
    __syncthreads();
    if (threadIdx.y == 0 && c < channels) {
        float s = 0.0f;
        for (int k = 0; k < (int)blockDim.y; ++k) s += partial[k][threadIdx.x];
        db[c] = s;
    }
}

// Bias add (TF BiasAdd, NHWC): x is [rows, C] row-major (all leading axes flattened into rows),
// bias is [C] added along the last axis.
// Accumulation: bias_add_f32 ASSIGNS y. (The bias gradient is the engine's sum reduction.)
#include "imgcls_common.cuh"

extern "C" __global__ void bias_add_f32(const float* __restrict__ x, const float* __restrict__ bias,
                                        float* __restrict__ y, long long n, int channels) {
    GRID_STRIDE_LOOP(i, n) { y[i] = x[i] + bias[i % channels]; }
}

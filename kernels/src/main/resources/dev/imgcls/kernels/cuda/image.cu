// Image normalisation of a batch: y = (x − mean[c]) / std[c] per channel.
// Layout: NHWC, so the channel of flat element i is i % channels; mean/std are [channels].
// Inputs: float32 pixels (normalize_images_f32) or uint8 pixels straight from decoding
// (normalize_images_u8). Accumulation: y is ASSIGNED.
#include "imgcls_common.cuh"

extern "C" __global__ void normalize_images_f32(const float* __restrict__ x, float* __restrict__ y, long long n,
                                                int channels, const float* __restrict__ mean,
                                                const float* __restrict__ stddev) {
    GRID_STRIDE_LOOP(i, n) {
        int c = (int)(i % channels);
        y[i] = (x[i] - mean[c]) / stddev[c];
    }
}

extern "C" __global__ void normalize_images_u8(const unsigned char* __restrict__ x, float* __restrict__ y, long long n,
                                               int channels, const float* __restrict__ mean,
                                               const float* __restrict__ stddev) {
    GRID_STRIDE_LOOP(i, n) {
        int c = (int)(i % channels);
        y[i] = ((float)x[i] - mean[c]) / stddev[c];
    }
}

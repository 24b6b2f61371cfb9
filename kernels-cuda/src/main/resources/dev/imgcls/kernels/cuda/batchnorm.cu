// The pieces of batch normalisation that cuDNN's batch-norm calls do not produce in our op's form.
// Layout: x is [M, C] row-major (NHWC flattened: M = N·H·W rows of C channels); per-channel
// vectors are [C]; float32 throughout.
//   bn_biased_variance_f32: cuDNN's running variance after a training step with averaging factor
//     1 is the batch variance times M/(M−1) (Bessel); our op outputs the biased one: × (M−1)/M,
//     in double, rounded once (0 when M = 1, where the biased variance is 0 exactly).
//   bn_inv_std_f32: 1/sqrt(var + ε) (IEEE sqrt and division), the "saved inverse variance" cuDNN's
//     backward takes, from the variance our batch_norm_grad op receives.
//   bn_infer_grad_reduce_f32 / bn_infer_grad_dx_f32: batch_norm_grad with fixed statistics
//     (inference mode), which cuDNN has no call for: dbeta = Σ dy, dgamma = Σ dy·(x − mean)·s,
//     dx = gamma·s·dy. The reduction runs 32 channels per block (coalesced along C) with 8 row
//     lanes each, accumulating in double; each output element is assigned once.
#include "imgcls_common.cuh"

extern "C" __global__ void bn_biased_variance_f32(const float* __restrict__ unbiased, float* __restrict__ var, int channels,
                                                  long long samples) {
    GRID_STRIDE_LOOP(c, (long long)channels) {
        var[c] = samples > 1 ? (float)((double)unbiased[c] * (double)(samples - 1) / (double)samples) : 0.0f;
    }
}

extern "C" __global__ void bn_inv_std_f32(const float* __restrict__ var, float* __restrict__ inv, int channels, double epsilon) {
    GRID_STRIDE_LOOP(c, (long long)channels) { inv[c] = (float)(1.0 / sqrt((double)var[c] + epsilon)); }
}

#define BN_TILE 32
#define BN_ROWS 8

// grid.x = ceil(C / 32), block = (32, 8).
extern "C" __global__ void bn_infer_grad_reduce_f32(const float* __restrict__ dy, const float* __restrict__ x,
                                                    const float* __restrict__ mean, const float* __restrict__ var,
                                                    float* __restrict__ dgamma, float* __restrict__ dbeta, long long rows,
                                                    int channels, double epsilon) {
    __shared__ double sumDy[BN_ROWS][BN_TILE];
    __shared__ double sumDyXhat[BN_ROWS][BN_TILE];
    int c = blockIdx.x * BN_TILE + threadIdx.x;
    double a = 0.0, b = 0.0;
    if (c < channels) {
        double m = mean[c];
        double s = 1.0 / sqrt((double)var[c] + epsilon);
        for (long long r = threadIdx.y; r < rows; r += BN_ROWS) {
            double g = dy[r * channels + c];
            a += g;
            b += g * ((double)x[r * channels + c] - m) * s;
        }
    }
    sumDy[threadIdx.y][threadIdx.x] = a;
    sumDyXhat[threadIdx.y][threadIdx.x] = b;
    __syncthreads();
    if (threadIdx.y == 0 && c < channels) {
        for (int k = 1; k < BN_ROWS; k++) {
            a += sumDy[k][threadIdx.x];
            b += sumDyXhat[k][threadIdx.x];
        }
        dbeta[c] = (float)a;
        dgamma[c] = (float)b;
    }
}

extern "C" __global__ void bn_infer_grad_dx_f32(const float* __restrict__ dy, const float* __restrict__ gamma,
                                                const float* __restrict__ var, float* __restrict__ dx, long long n, int channels,
                                                double epsilon) {
    GRID_STRIDE_LOOP(i, n) {
        int c = (int)(i % channels);
        dx[i] = (float)((double)gamma[c] / sqrt((double)var[c] + epsilon) * (double)dy[i]);
    }
}

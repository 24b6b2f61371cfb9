// Softmax, softmax cross-entropy with label smoothing (TF SoftmaxCrossEntropyWithLogits on
// smoothed one-hot targets, as tf.losses.softmax_cross_entropy) with its per-row backprop, and l2 loss.
// Layout: logits [N, C] row-major (C classes contiguous), labels [N] int32 or int64.
// One block per row for the row-wise kernels (block size a multiple of 32).
// Accumulation: every output is ASSIGNED (loss[n] =, backprop[n, c] =, out[0] =).
// Reductions run in float with a fixed tree order (deterministic run to run).
#include "imgcls_common.cuh"

// y = softmax(x) (logOutput = 0) or log_softmax(x) (logOutput = 1) over the last axis.
extern "C" __global__ void softmax_rows_f32(const float* __restrict__ x, float* __restrict__ y,
                                            long long rows, int classes, int logOutput) {
    __shared__ float scratch[32];
    for (long long row = blockIdx.x; row < rows; row += gridDim.x) {
        const float* xr = x + row * classes;
        float* yr = y + row * classes;
        float m = -IMGCLS_INF;
        for (int c = threadIdx.x; c < classes; c += blockDim.x) m = fmaxf(m, xr[c]);
        m = block_max(m, scratch);
        float s = 0.0f;
        for (int c = threadIdx.x; c < classes; c += blockDim.x) s += expf(xr[c] - m);
        s = block_sum(s, scratch);
        float logS = logf(s);
        for (int c = threadIdx.x; c < classes; c += blockDim.x) {
            float z = xr[c] - m;
            yr[c] = logOutput ? z - logS : expf(z) / s;
        }
        __syncthreads();
    }
}

// targets t_c = onehot_c·(1 − ls) + ls/C;  loss = Σ_c t_c·(lse − x_c) = lse − Σ_c t_c·x_c;
// backprop = softmax(x) − t. A label outside [0, C) writes the smallest such row into *badRow
// (initialised to INT_MAX by the host), which raises an IllegalArgumentException on the host.
template <typename L>
__device__ void softmax_xent_row(const float* __restrict__ logits, const L* __restrict__ labels,
                                 float* __restrict__ loss, float* __restrict__ backprop, long long rows,
                                 int classes, float smoothing, int* badRow) {
    __shared__ float scratch[32];
    for (long long row = blockIdx.x; row < rows; row += gridDim.x) {
        long long label = (long long)labels[row];
        if (label < 0 || label >= classes) {
            if (threadIdx.x == 0) atomicMin(badRow, (int)row);
            continue;
        }
        const float* xr = logits + row * classes;
        float* br = backprop + row * classes;
        float off = smoothing / classes;
        float on = 1.0f - smoothing + off;
        float m = -IMGCLS_INF;
        for (int c = threadIdx.x; c < classes; c += blockDim.x) m = fmaxf(m, xr[c]);
        m = block_max(m, scratch);
        float s = 0.0f, tx = 0.0f;
        for (int c = threadIdx.x; c < classes; c += blockDim.x) {
            float z = xr[c] - m;
            s += expf(z);
            float t = c == label ? on : off;
            if (t != 0.0f) tx += t * z; // a −∞ logit with no target mass costs nothing (0·∞ is NaN), as TF
        }
        s = block_sum(s, scratch);
        tx = block_sum(tx, scratch);
        // Σ t = 1, so lse − Σ t·x = log Σ e^(x−m) − Σ t·(x − m).
        if (threadIdx.x == 0) loss[row] = logf(s) - tx;
        for (int c = threadIdx.x; c < classes; c += blockDim.x) {
            br[c] = expf(xr[c] - m) / s - (c == label ? on : off);
        }
        __syncthreads();
    }
}

extern "C" __global__ void softmax_xent_i32_f32(const float* logits, const int* labels, float* loss, float* backprop,
                                                long long rows, int classes, float smoothing, int* badRow) {
    softmax_xent_row<int>(logits, labels, loss, backprop, rows, classes, smoothing, badRow);
}

extern "C" __global__ void softmax_xent_i64_f32(const float* logits, const long long* labels, float* loss,
                                                float* backprop, long long rows, int classes, float smoothing,
                                                int* badRow) {
    softmax_xent_row<long long>(logits, labels, loss, backprop, rows, classes, smoothing, badRow);
}

// l2_loss stage 1: partial[b] = Σ x² over block b's grid-stride share (blockDim.x = 256).
extern "C" __global__ void sum_squares_partial_f32(const float* __restrict__ x, float* __restrict__ partial, long long n) {
    __shared__ float scratch[32];
    float acc = 0.0f;
    GRID_STRIDE_LOOP(i, n) { float v = x[i]; acc += v * v; }
    acc = block_sum(acc, scratch);
    if (threadIdx.x == 0) partial[blockIdx.x] = acc;
}

// l2_loss stage 2 (one block): out[0] = scale · Σ partial (scale = 0.5 for tf.nn.l2_loss).
extern "C" __global__ void sum_partials_f32(const float* __restrict__ partial, float* __restrict__ out, int count, float scale) {
    __shared__ float scratch[32];
    float acc = 0.0f;
    for (int i = threadIdx.x; i < count; i += blockDim.x) acc += partial[i];
    acc = block_sum(acc, scratch);
    if (threadIdx.x == 0) out[0] = acc * scale;
}

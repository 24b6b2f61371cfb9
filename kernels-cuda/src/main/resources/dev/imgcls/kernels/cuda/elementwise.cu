// Elementwise kernels: unary math, activations, activation gradients, broadcasting binary ops.
// Layout: flat float32 buffers, row-major; binary ops broadcast via a host-built BroadcastPlan
// (NumPy rules; output strides are implied by the dims, input strides are 0 on broadcast axes).
// Accumulation: none — every kernel ASSIGNS (y[i] = ...) each output element exactly once.
#include "imgcls_common.cuh"

// Op codes; the Java side (CudaElementwiseKernels) uses the same numbers.
#define U_NEG 0
#define U_IDENTITY 1
#define U_RELU 2
#define U_SIGMOID 3
#define U_TANH 4
#define U_SWISH 5
#define U_EXP 6
#define U_LOG 7
#define U_SQRT 8
#define U_RSQRT 9
#define U_SQUARE 10
#define U_GELU 11

__device__ __forceinline__ float sigmoidf(float x) { return 1.0f / (1.0f + expf(-x)); }

extern "C" __global__ void unary_f32(const float* __restrict__ x, float* __restrict__ y, long long n, int op) {
    GRID_STRIDE_LOOP(i, n) {
        float v = x[i];
        float r;
        switch (op) {
            case U_NEG: r = -v; break;
            case U_IDENTITY: r = v; break;
            // NaN and −0 pass through (as TF's Relu): the comparison is false for both.
            case U_RELU: r = v < 0.0f ? 0.0f : v; break;
            case U_SIGMOID: r = sigmoidf(v); break;
            case U_TANH: r = tanhf(v); break;
            case U_SWISH: r = v * sigmoidf(v); break;
            case U_EXP: r = expf(v); break;
            case U_LOG: r = logf(v); break;
            case U_SQRT: r = sqrtf(v); break;
            case U_RSQRT: r = rsqrtf(v); break;
            case U_SQUARE: r = v * v; break;
            case U_GELU: r = v * 0.5f * (1.0f + erff(v * 0.70710678f)); break;
            default: r = IMGCLS_NAN; break;
        }
        y[i] = r;
    }
}

// Gradient ops: dx[i] = g[i] * f'(v[i]); v is the forward INPUT for relu/swish and the forward
// OUTPUT for sigmoid/tanh (as TF's ReluGrad / SigmoidGrad / TanhGrad).
#define G_RELU 0
#define G_SIGMOID 1
#define G_TANH 2
#define G_SWISH 3
#define G_GELU 4

extern "C" __global__ void activation_grad_f32(const float* __restrict__ g, const float* __restrict__ v,
                                               float* __restrict__ dx, long long n, int op) {
    GRID_STRIDE_LOOP(i, n) {
        float gi = g[i], vi = v[i];
        float r;
        switch (op) {
            case G_RELU: r = gi * (vi > 0.0f ? 1.0f : 0.0f); break; // TF's g·[x > 0]: a product, so −0 and NaN as TF
            case G_SIGMOID: r = gi * vi * (1.0f - vi); break;
            case G_TANH: r = gi * (1.0f - vi * vi); break;
            case G_SWISH: {
                float s = sigmoidf(vi);
                r = gi * (s + vi * s * (1.0f - s));
                break;
            }
            case G_GELU:
                r = gi * (0.5f * (1.0f + erff(vi * 0.70710678f)) + vi * 0.39894228f * expf(-0.5f * vi * vi));
                break;
            default: r = IMGCLS_NAN; break;
        }
        dx[i] = r;
    }
}

#define B_ADD 0
#define B_SUB 1
#define B_MUL 2
#define B_DIV 3

__device__ __forceinline__ float apply_binary(float a, float b, int op) {
    switch (op) {
        case B_ADD: return a + b;
        case B_SUB: return a - b;
        case B_MUL: return a * b;
        case B_DIV: return a / b;
        default: return IMGCLS_NAN;
    }
}

// Same-shape fast path: no index arithmetic.
extern "C" __global__ void binary_same_f32(const float* __restrict__ a, const float* __restrict__ b,
                                           float* __restrict__ y, long long n, int op) {
    GRID_STRIDE_LOOP(i, n) { y[i] = apply_binary(a[i], b[i], op); }
}

// General broadcasting: decompose the output index over plan.dims (last axis fastest).
extern "C" __global__ void binary_broadcast_f32(const float* __restrict__ a, const float* __restrict__ b,
                                                float* __restrict__ y, long long n, int op, BroadcastPlan plan) {
    GRID_STRIDE_LOOP(i, n) {
        long long rest = i, oa = 0, ob = 0;
        for (int d = (int)plan.rank - 1; d >= 0; --d) {
            long long idx = rest % plan.dims[d];
            rest /= plan.dims[d];
            oa += idx * plan.strideA[d];
            ob += idx * plan.strideB[d];
        }
        y[i] = apply_binary(a[oa], b[ob], op);
    }
}

// broadcast_to: y[i] = x[offset of i through plan.strideA] (plan.strideB unused).
extern "C" __global__ void broadcast_copy_f32(const float* __restrict__ x, float* __restrict__ y, long long n,
                                              BroadcastPlan plan) {
    GRID_STRIDE_LOOP(i, n) {
        long long rest = i, o = 0;
        for (int d = (int)plan.rank - 1; d >= 0; --d) {
            o += (rest % plan.dims[d]) * plan.strideA[d];
            rest /= plan.dims[d];
        }
        y[i] = x[o];
    }
}

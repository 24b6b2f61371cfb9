// Optimizer update steps with TensorFlow 1 semantics (training_ops ApplyMomentum / ApplyAdam /
// ApplyRMSProp / ApplyCenteredRMSProp) for the fused apply_* ops, elementwise over flat float32
// buffers of n elements. Slot initial values are the host's job (TF1: momentum and Adam slots 0;
// RMSProp `rms` slot 1.0, `momentum` 0).
// Accumulation: the new variable and slots are ASSIGNED to separate output buffers (the engine's
// ops never modify their inputs).
#include "imgcls_common.cuh"

// The apply_momentum op: a' = momentum·a + g; w' = w − lr·a'
// (nesterov: w' = w − lr·g − lr·momentum·a'), each step rounded as the CPU kernel rounds it.
extern "C" __global__ void momentum_apply_f32(const float* __restrict__ var, const float* __restrict__ accum,
                                              const float* __restrict__ grad, float* __restrict__ new_var,
                                              float* __restrict__ new_accum, long long n, float lr, float momentum,
                                              int nesterov) {
    GRID_STRIDE_LOOP(i, n) {
        float g = grad[i];
        float a = __fadd_rn(__fmul_rn(accum[i], momentum), g);
        new_accum[i] = a;
        float step = nesterov ? __fadd_rn(__fmul_rn(g, lr), __fmul_rn(__fmul_rn(a, momentum), lr)) : __fmul_rn(a, lr);
        new_var[i] = __fsub_rn(var[i], step);
    }
}

// The apply_adam op: m' = m + (g − m)(1 − β1); v' = v + (g² − v)(1 − β2); w' = w − m'·rate/(√v' + ε),
// written to new buffers, each step rounded as the CPU kernel rounds it.
extern "C" __global__ void adam_apply_f32(const float* __restrict__ var, const float* __restrict__ m,
                                          const float* __restrict__ v, const float* __restrict__ grad,
                                          float* __restrict__ new_var, float* __restrict__ new_m,
                                          float* __restrict__ new_v, long long n, float rate,
                                          float one_minus_beta1, float one_minus_beta2, float epsilon) {
    GRID_STRIDE_LOOP(i, n) {
        float g = grad[i];
        float mi = __fadd_rn(m[i], __fmul_rn(__fsub_rn(g, m[i]), one_minus_beta1));
        float vi = __fadd_rn(v[i], __fmul_rn(__fsub_rn(__fmul_rn(g, g), v[i]), one_minus_beta2));
        new_m[i] = mi;
        new_v[i] = vi;
        new_var[i] = __fsub_rn(var[i], __fdiv_rn(__fmul_rn(mi, rate), __fadd_rn(__fsqrt_rn(vi), epsilon)));
    }
}

// The apply_rmsprop op (mg / new_mg null when not centered): ms' = ms + (g² − ms)(1 − ρ);
// centered: mg' = mg + (g − mg)(1 − ρ), step = g·lr·(1/√(ms' − mg'² + ε)); else step = g·lr/√(ms' + ε);
// mom' = mom·μ + step; w' = w − mom'.
extern "C" __global__ void rmsprop_apply_f32(const float* __restrict__ var, const float* __restrict__ ms,
                                             const float* __restrict__ mom, const float* __restrict__ mg,
                                             const float* __restrict__ grad, float* __restrict__ new_var,
                                             float* __restrict__ new_ms, float* __restrict__ new_mom,
                                             float* __restrict__ new_mg, long long n, float lr,
                                             float one_minus_rho, float momentum, float epsilon, int centered) {
    GRID_STRIDE_LOOP(i, n) {
        float g = grad[i];
        float msi = __fadd_rn(ms[i], __fmul_rn(__fsub_rn(__fmul_rn(g, g), ms[i]), one_minus_rho));
        new_ms[i] = msi;
        float step;
        if (centered) {
            float mgi = __fadd_rn(mg[i], __fmul_rn(__fsub_rn(g, mg[i]), one_minus_rho));
            new_mg[i] = mgi;
            step = __fmul_rn(__fmul_rn(g, lr), __fdiv_rn(1.0f, __fsqrt_rn(__fadd_rn(__fsub_rn(msi, __fmul_rn(mgi, mgi)), epsilon))));
        } else {
            step = __fdiv_rn(__fmul_rn(g, lr), __fsqrt_rn(__fadd_rn(msi, epsilon)));
        }
        float momi = __fadd_rn(__fmul_rn(mom[i], momentum), step);
        new_mom[i] = momi;
        new_var[i] = __fsub_rn(var[i], momi);
    }
}

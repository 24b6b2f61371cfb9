// Dropout / drop-connect masks from a counter-based RNG: Philox4x32-10 keyed exactly like the
// host's dev.imgcls.tensor.Generator — key = seed (low word k0, high word k1), counter = (word
// position / 4) in c0 (low) / c1 (high), c2 = c3 = 0 — and word (position % 4) of the 4-word
// block. Element i of a mask uses the generator word at `position + i`, so a device mask equals
// the host mask drawn by Generator(seed, position) with one nextFloat() per element.
// mask = floor(keep + u) with u = (word >>> 8)·2^-24 added in float32, as TF1 dropout.
// Layout: flat float32; drop-connect masks one value per batch row and dropout_apply broadcasts
// mask[i / rowSize]. Accumulation: every output is ASSIGNED.
#include "imgcls_common.cuh"

__device__ __forceinline__ unsigned int philox_word(unsigned long long counter, unsigned long long key, int word) {
    const unsigned int M0 = 0xD2511F53u, M1 = 0xCD9E8D57u, W0 = 0x9E3779B9u, W1 = 0xBB67AE85u;
    unsigned int c0 = (unsigned int)counter, c1 = (unsigned int)(counter >> 32), c2 = 0u, c3 = 0u;
    unsigned int k0 = (unsigned int)key, k1 = (unsigned int)(key >> 32);
#pragma unroll
    for (int round = 0; round < 10; ++round) {
        unsigned int hi0 = __umulhi(M0, c0), lo0 = M0 * c0;
        unsigned int hi1 = __umulhi(M1, c2), lo1 = M1 * c2;
        unsigned int n0 = hi1 ^ c1 ^ k0;
        unsigned int n2 = hi0 ^ c3 ^ k1;
        c1 = lo1;
        c3 = lo0;
        c0 = n0;
        c2 = n2;
        k0 += W0;
        k1 += W1;
    }
    switch (word) {
        case 0: return c0;
        case 1: return c1;
        case 2: return c2;
        default: return c3;
    }
}

extern "C" __global__ void dropout_mask_f32(float* __restrict__ mask, long long n, unsigned long long seed,
                                            unsigned long long position, float keep) {
    GRID_STRIDE_LOOP(i, n) {
        unsigned long long p = position + (unsigned long long)i;
        unsigned int w = philox_word(p >> 2, seed, (int)(p & 3ull));
        float u = (float)(w >> 8) * 5.9604644775390625e-8f;  // 2^-24
        mask[i] = floorf(keep + u);
    }
}

// y = x / keep · mask[i / rowSize]: rowSize 1 for dropout, the per-example size for drop-connect.
extern "C" __global__ void dropout_apply_f32(const float* __restrict__ x, const float* __restrict__ mask,
                                             float* __restrict__ y, long long n, long long rowSize, float keep) {
    GRID_STRIDE_LOOP(i, n) { y[i] = x[i] / keep * mask[i / rowSize]; }
}

// Data movement for transpose, slice, pad, concat (and the cuDNN paths' filter transposes,
// explicit padding and gradient slicing): a strided box copy and a fill, for elements of 1, 4
// or 8 bytes, so one kernel serves every dtype (FLOAT32/INT32 = 4, FLOAT64/INT64 = 8, UINT8 = 1).
// Layout: the host describes the box as dims[] (size-1 axes dropped) with source and destination
// element strides per axis plus a base offset each: CopyPlan. Element e of the box (row-major over
// dims) is read at srcBase + Σ coord·srcStride and written at dstBase + Σ coord·dstStride.
// No arithmetic, so results are bit-exact copies; every destination element is written once.
#include "imgcls_common.cuh"

struct CopyPlan {
    long long rank;
    long long dims[IMGCLS_MAX_RANK];
    long long srcStrides[IMGCLS_MAX_RANK];
    long long dstStrides[IMGCLS_MAX_RANK];
    long long srcBase;
    long long dstBase;
};

template <typename T>
__device__ __forceinline__ void strided_copy(const T* __restrict__ src, T* __restrict__ dst, long long n, const CopyPlan& p) {
    GRID_STRIDE_LOOP(i, n) {
        long long rest = i, s = p.srcBase, d = p.dstBase;
        for (int a = (int)p.rank - 1; a >= 0; --a) {
            long long c = rest % p.dims[a];
            rest /= p.dims[a];
            s += c * p.srcStrides[a];
            d += c * p.dstStrides[a];
        }
        dst[d] = src[s];
    }
}

template <typename T>
__device__ __forceinline__ void fill(T* __restrict__ dst, long long n, T value) {
    GRID_STRIDE_LOOP(i, n) dst[i] = value;
}

extern "C" __global__ void strided_copy_b1(const unsigned char* src, unsigned char* dst, long long n, CopyPlan p) {
    strided_copy(src, dst, n, p);
}
extern "C" __global__ void strided_copy_b4(const unsigned int* src, unsigned int* dst, long long n, CopyPlan p) {
    strided_copy(src, dst, n, p);
}
extern "C" __global__ void strided_copy_b8(const unsigned long long* src, unsigned long long* dst, long long n, CopyPlan p) {
    strided_copy(src, dst, n, p);
}

// value: the element's bit pattern in the low bytes (host-encoded for the dtype).
extern "C" __global__ void fill_b1(unsigned char* dst, long long n, unsigned long long value) {
    fill(dst, n, (unsigned char)value);
}
extern "C" __global__ void fill_b4(unsigned int* dst, long long n, unsigned long long value) {
    fill(dst, n, (unsigned int)value);
}
extern "C" __global__ void fill_b8(unsigned long long* dst, long long n, unsigned long long value) {
    fill(dst, n, value);
}

// cast between FLOAT32, FLOAT64, INT32, INT64 and UINT8 with the reference backend's (Java's)
// conversion rules, element by element, no accumulation:
//   floating → INT32/INT64: truncate toward zero, saturate at the type's range, NaN → 0;
//   floating → UINT8: to INT32 as above, then keep the low 8 bits (300.7 → 44, −1.5 → 255);
//   integer → narrower integer: keep the low bits (C++ static_cast); UINT8 reads unsigned;
//   FLOAT64 → FLOAT32 and integer → floating: round to nearest even (cvt.rn).
// The saturation is written out rather than left to the (C++-undefined) out-of-range conversion.
// One kernel per (source, destination) pair: cast_<src>_<dst>; equal dtypes are a device memcpy.
#include "imgcls_common.cuh"

__device__ __forceinline__ int to_i32(double v) {
    if (v != v) return 0;
    if (v >= 2147483647.0) return 2147483647;
    if (v <= -2147483648.0) return (-2147483647 - 1);
    return (int)v;
}

__device__ __forceinline__ long long to_i64(double v) {
    if (v != v) return 0;
    if (v >= 9223372036854775807.0) return 9223372036854775807LL;
    if (v <= -9223372036854775808.0) return (-9223372036854775807LL - 1);
    return (long long)v;
}

// A float32 source widens to double exactly, so going through double changes no result.
template <typename D> struct FromFloating;
template <> struct FromFloating<float> { __device__ static float of(double v) { return (float)v; } };
template <> struct FromFloating<double> { __device__ static double of(double v) { return v; } };
template <> struct FromFloating<int> { __device__ static int of(double v) { return to_i32(v); } };
template <> struct FromFloating<long long> { __device__ static long long of(double v) { return to_i64(v); } };
template <> struct FromFloating<unsigned char> { __device__ static unsigned char of(double v) { return (unsigned char)(unsigned int)to_i32(v); } };

// Integer sources go through a 64-bit integer: exact, and narrowing keeps the low bits.
template <typename D> struct FromInteger;
template <> struct FromInteger<float> { __device__ static float of(long long v) { return (float)v; } };
template <> struct FromInteger<double> { __device__ static double of(long long v) { return (double)v; } };
template <> struct FromInteger<int> { __device__ static int of(long long v) { return (int)(unsigned int)(unsigned long long)v; } };
template <> struct FromInteger<long long> { __device__ static long long of(long long v) { return v; } };
template <> struct FromInteger<unsigned char> { __device__ static unsigned char of(long long v) { return (unsigned char)(unsigned long long)v; } };

#define CAST_FLOATING(NAME, S, D)                                                                   \
    extern "C" __global__ void NAME(const S* __restrict__ x, D* __restrict__ y, long long n) {    \
        GRID_STRIDE_LOOP(i, n) y[i] = FromFloating<D>::of((double)x[i]);                           \
    }
#define CAST_INTEGER(NAME, S, D)                                                                    \
    extern "C" __global__ void NAME(const S* __restrict__ x, D* __restrict__ y, long long n) {    \
        GRID_STRIDE_LOOP(i, n) y[i] = FromInteger<D>::of((long long)x[i]);                         \
    }

CAST_FLOATING(cast_f32_f64, float, double)
CAST_FLOATING(cast_f32_i32, float, int)
CAST_FLOATING(cast_f32_i64, float, long long)
CAST_FLOATING(cast_f32_u8, float, unsigned char)
CAST_FLOATING(cast_f64_f32, double, float)
CAST_FLOATING(cast_f64_i32, double, int)
CAST_FLOATING(cast_f64_i64, double, long long)
CAST_FLOATING(cast_f64_u8, double, unsigned char)
CAST_INTEGER(cast_i32_f32, int, float)
CAST_INTEGER(cast_i32_f64, int, double)
CAST_INTEGER(cast_i32_i64, int, long long)
CAST_INTEGER(cast_i32_u8, int, unsigned char)
CAST_INTEGER(cast_i64_f32, long long, float)
CAST_INTEGER(cast_i64_f64, long long, double)
CAST_INTEGER(cast_i64_i32, long long, int)
CAST_INTEGER(cast_i64_u8, long long, unsigned char)
CAST_INTEGER(cast_u8_f32, unsigned char, float)
CAST_INTEGER(cast_u8_f64, unsigned char, double)
CAST_INTEGER(cast_u8_i32, unsigned char, int)
CAST_INTEGER(cast_u8_i64, unsigned char, long long)

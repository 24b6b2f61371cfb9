package dev.imgcls.data.image.jpeg;

/**
 * libjpeg-turbo's 8x8 integer inverse DCTs, reproduced operation for operation so that our pixels
 * equal TF's: {@code jidctfst.c} (IFAST: AA&N with 8-bit constants and truncating shifts, TF's
 * default) and {@code jidctint.c} (ISLOW: 13-bit constants, rounded descaling). Both dequantize
 * on the fly with per-method multiplier tables built from the quantization table.
 */
final class Idct {
    private static final int RANGE_MASK = 1023;
    /**
     * libjpeg's post-IDCT range limit, indexed by (value & 1023): value + 128 clamped to 0..255 for
     * values in [-512, 511]; larger ones wrap exactly as the C table does.
     */
    private static final byte[] RANGE_LIMIT = new byte[1024];
    /** AA&N scale factors s(row) * s(col) in 14-bit fixed point, s(0) = 1, s(k) = sqrt(2) cos(k pi / 16). */
    private static final int[] AAN_SCALES = new int[64];

    static {
        for (int i = 0; i < 1024; i++) {
            int v = i < 512 ? i : i - 1024;
            RANGE_LIMIT[i] = (byte) Math.max(0, Math.min(255, v + 128));
        }
        for (int r = 0; r < 8; r++) {
            for (int c = 0; c < 8; c++) {
                double sr = r == 0 ? 1 : Math.cos(r * Math.PI / 16) * Math.sqrt(2);
                double sc = c == 0 ? 1 : Math.cos(c * Math.PI / 16) * Math.sqrt(2);
                AAN_SCALES[r * 8 + c] = (int) Math.round(16384 * sr * sc);
            }
        }
    }

    private Idct() {
    }

    /** Dequantization multipliers for {@code method} from a quantization table in natural order. */
    static int[] multipliers(DctMethod method, int[] quant) {
        int[] m = new int[64];
        for (int i = 0; i < 64; i++) {
            // The SIMD build of libjpeg-turbo (TF's) keeps multipliers in 16 bits.
            m[i] = method == DctMethod.INTEGER_FAST
                    ? (short) ((quant[i] * AAN_SCALES[i] + (1 << 11)) >> 12)
                    : (short) quant[i];
        }
        return m;
    }

    static void inverse(DctMethod method, short[] coef, int off, int[] mult, int[] ws, byte[] out, int outOff, int stride) {
        if (method == DctMethod.INTEGER_FAST) {
            ifast(coef, off, mult, ws, out, outOff, stride);
        } else {
            islow(coef, off, mult, ws, out, outOff, stride);
        }
    }

    // ---- IFAST (jidctfst.c) ----
    private static final int FIX_1_082392200 = 277;
    private static final int FIX_1_414213562 = 362;
    private static final int FIX_1_847759065 = 473;
    private static final int FIX_2_613125930 = 669;

    /** libjpeg's IFAST MULTIPLY: 8-bit constant, truncating shift (USE_ACCURATE_ROUNDING is off). */
    private static int mulFast(int v, int c) {
        return (v * c) >> 8;
    }

    static void ifast(short[] coef, int off, int[] q, int[] ws, byte[] out, int outOff, int stride) {
        for (int col = 0; col < 8; col++) {
            int i = off + col;
            if (coef[i + 8] == 0 && coef[i + 16] == 0 && coef[i + 24] == 0 && coef[i + 32] == 0
                    && coef[i + 40] == 0 && coef[i + 48] == 0 && coef[i + 56] == 0) {
                int dc = coef[i] * q[col];
                for (int r = 0; r < 8; r++) {
                    ws[r * 8 + col] = dc;
                }
                continue;
            }
            int tmp0 = coef[i] * q[col];
            int tmp1 = coef[i + 16] * q[col + 16];
            int tmp2 = coef[i + 32] * q[col + 32];
            int tmp3 = coef[i + 48] * q[col + 48];
            int tmp10 = tmp0 + tmp2;
            int tmp11 = tmp0 - tmp2;
            int tmp13 = tmp1 + tmp3;
            int tmp12 = mulFast(tmp1 - tmp3, FIX_1_414213562) - tmp13;
            tmp0 = tmp10 + tmp13;
            tmp3 = tmp10 - tmp13;
            tmp1 = tmp11 + tmp12;
            tmp2 = tmp11 - tmp12;

            int tmp4 = coef[i + 8] * q[col + 8];
            int tmp5 = coef[i + 24] * q[col + 24];
            int tmp6 = coef[i + 40] * q[col + 40];
            int tmp7 = coef[i + 56] * q[col + 56];
            int z13 = tmp6 + tmp5;
            int z10 = tmp6 - tmp5;
            int z11 = tmp4 + tmp7;
            int z12 = tmp4 - tmp7;
            tmp7 = z11 + z13;
            tmp11 = mulFast(z11 - z13, FIX_1_414213562);
            int z5 = mulFast(z10 + z12, FIX_1_847759065);
            tmp10 = mulFast(z12, FIX_1_082392200) - z5;
            tmp12 = mulFast(z10, -FIX_2_613125930) + z5;
            tmp6 = tmp12 - tmp7;
            tmp5 = tmp11 - tmp6;
            tmp4 = tmp10 + tmp5;

            ws[col] = tmp0 + tmp7;
            ws[56 + col] = tmp0 - tmp7;
            ws[8 + col] = tmp1 + tmp6;
            ws[48 + col] = tmp1 - tmp6;
            ws[16 + col] = tmp2 + tmp5;
            ws[40 + col] = tmp2 - tmp5;
            ws[32 + col] = tmp3 + tmp4;
            ws[24 + col] = tmp3 - tmp4;
        }
        for (int row = 0; row < 8; row++) {
            int w = row * 8;
            int o = outOff + row * stride;
            if (ws[w + 1] == 0 && ws[w + 2] == 0 && ws[w + 3] == 0 && ws[w + 4] == 0
                    && ws[w + 5] == 0 && ws[w + 6] == 0 && ws[w + 7] == 0) {
                byte dc = RANGE_LIMIT[(ws[w] >> 5) & RANGE_MASK];
                for (int c = 0; c < 8; c++) {
                    out[o + c] = dc;
                }
                continue;
            }
            int tmp10 = ws[w] + ws[w + 4];
            int tmp11 = ws[w] - ws[w + 4];
            int tmp13 = ws[w + 2] + ws[w + 6];
            int tmp12 = mulFast(ws[w + 2] - ws[w + 6], FIX_1_414213562) - tmp13;
            int tmp0 = tmp10 + tmp13;
            int tmp3 = tmp10 - tmp13;
            int tmp1 = tmp11 + tmp12;
            int tmp2 = tmp11 - tmp12;

            int z13 = ws[w + 5] + ws[w + 3];
            int z10 = ws[w + 5] - ws[w + 3];
            int z11 = ws[w + 1] + ws[w + 7];
            int z12 = ws[w + 1] - ws[w + 7];
            int tmp7 = z11 + z13;
            tmp11 = mulFast(z11 - z13, FIX_1_414213562);
            int z5 = mulFast(z10 + z12, FIX_1_847759065);
            tmp10 = mulFast(z12, FIX_1_082392200) - z5;
            tmp12 = mulFast(z10, -FIX_2_613125930) + z5;
            int tmp6 = tmp12 - tmp7;
            int tmp5 = tmp11 - tmp6;
            int tmp4 = tmp10 + tmp5;

            out[o] = RANGE_LIMIT[((tmp0 + tmp7) >> 5) & RANGE_MASK];
            out[o + 7] = RANGE_LIMIT[((tmp0 - tmp7) >> 5) & RANGE_MASK];
            out[o + 1] = RANGE_LIMIT[((tmp1 + tmp6) >> 5) & RANGE_MASK];
            out[o + 6] = RANGE_LIMIT[((tmp1 - tmp6) >> 5) & RANGE_MASK];
            out[o + 2] = RANGE_LIMIT[((tmp2 + tmp5) >> 5) & RANGE_MASK];
            out[o + 5] = RANGE_LIMIT[((tmp2 - tmp5) >> 5) & RANGE_MASK];
            out[o + 4] = RANGE_LIMIT[((tmp3 + tmp4) >> 5) & RANGE_MASK];
            out[o + 3] = RANGE_LIMIT[((tmp3 - tmp4) >> 5) & RANGE_MASK];
        }
    }

    // ---- ISLOW (jidctint.c) ----
    private static final int CONST_BITS = 13;
    private static final int PASS1_BITS = 2;
    private static final int FIX_0_298631336 = 2446;
    private static final int FIX_0_390180644 = 3196;
    private static final int FIX_0_541196100 = 4433;
    private static final int FIX_0_765366865 = 6270;
    private static final int FIX_0_899976223 = 7373;
    private static final int FIX_1_175875602 = 9633;
    private static final int FIX_1_501321110 = 12299;
    private static final int FIX_1_847759065_S = 15137;
    private static final int FIX_1_961570560 = 16069;
    private static final int FIX_2_053119869 = 16819;
    private static final int FIX_2_562915447 = 20995;
    private static final int FIX_3_072711026 = 25172;

    private static int descale(int x, int n) {
        return (x + (1 << (n - 1))) >> n;
    }

    static void islow(short[] coef, int off, int[] q, int[] ws, byte[] out, int outOff, int stride) {
        int[] odd = new int[4];
        for (int col = 0; col < 8; col++) {
            int i = off + col;
            if (coef[i + 8] == 0 && coef[i + 16] == 0 && coef[i + 24] == 0 && coef[i + 32] == 0
                    && coef[i + 40] == 0 && coef[i + 48] == 0 && coef[i + 56] == 0) {
                int dc = (coef[i] * q[col]) << PASS1_BITS;
                for (int r = 0; r < 8; r++) {
                    ws[r * 8 + col] = dc;
                }
                continue;
            }
            int z2 = coef[i + 16] * q[col + 16];
            int z3 = coef[i + 48] * q[col + 48];
            int z1 = (z2 + z3) * FIX_0_541196100;
            int tmp2 = z1 + z3 * -FIX_1_847759065_S;
            int tmp3 = z1 + z2 * FIX_0_765366865;
            z2 = coef[i] * q[col];
            z3 = coef[i + 32] * q[col + 32];
            int tmp0 = (z2 + z3) << CONST_BITS;
            int tmp1 = (z2 - z3) << CONST_BITS;
            int tmp10 = tmp0 + tmp3;
            int tmp13 = tmp0 - tmp3;
            int tmp11 = tmp1 + tmp2;
            int tmp12 = tmp1 - tmp2;

            tmp0 = coef[i + 56] * q[col + 56];
            tmp1 = coef[i + 40] * q[col + 40];
            tmp2 = coef[i + 24] * q[col + 24];
            tmp3 = coef[i + 8] * q[col + 8];
            oddPart(tmp0, tmp1, tmp2, tmp3, odd);
            int shift = CONST_BITS - PASS1_BITS;
            ws[col] = descale(tmp10 + odd[3], shift);
            ws[56 + col] = descale(tmp10 - odd[3], shift);
            ws[8 + col] = descale(tmp11 + odd[2], shift);
            ws[48 + col] = descale(tmp11 - odd[2], shift);
            ws[16 + col] = descale(tmp12 + odd[1], shift);
            ws[40 + col] = descale(tmp12 - odd[1], shift);
            ws[24 + col] = descale(tmp13 + odd[0], shift);
            ws[32 + col] = descale(tmp13 - odd[0], shift);
        }
        int shift = CONST_BITS + PASS1_BITS + 3;
        for (int row = 0; row < 8; row++) {
            int w = row * 8;
            int o = outOff + row * stride;
            if (ws[w + 1] == 0 && ws[w + 2] == 0 && ws[w + 3] == 0 && ws[w + 4] == 0
                    && ws[w + 5] == 0 && ws[w + 6] == 0 && ws[w + 7] == 0) {
                byte dc = RANGE_LIMIT[descale(ws[w], PASS1_BITS + 3) & RANGE_MASK];
                for (int c = 0; c < 8; c++) {
                    out[o + c] = dc;
                }
                continue;
            }
            int z2 = ws[w + 2];
            int z3 = ws[w + 6];
            int z1 = (z2 + z3) * FIX_0_541196100;
            int tmp2 = z1 + z3 * -FIX_1_847759065_S;
            int tmp3 = z1 + z2 * FIX_0_765366865;
            int tmp0 = (ws[w] + ws[w + 4]) << CONST_BITS;
            int tmp1 = (ws[w] - ws[w + 4]) << CONST_BITS;
            int tmp10 = tmp0 + tmp3;
            int tmp13 = tmp0 - tmp3;
            int tmp11 = tmp1 + tmp2;
            int tmp12 = tmp1 - tmp2;
            oddPart(ws[w + 7], ws[w + 5], ws[w + 3], ws[w + 1], odd);
            out[o] = RANGE_LIMIT[descale(tmp10 + odd[3], shift) & RANGE_MASK];
            out[o + 7] = RANGE_LIMIT[descale(tmp10 - odd[3], shift) & RANGE_MASK];
            out[o + 1] = RANGE_LIMIT[descale(tmp11 + odd[2], shift) & RANGE_MASK];
            out[o + 6] = RANGE_LIMIT[descale(tmp11 - odd[2], shift) & RANGE_MASK];
            out[o + 2] = RANGE_LIMIT[descale(tmp12 + odd[1], shift) & RANGE_MASK];
            out[o + 5] = RANGE_LIMIT[descale(tmp12 - odd[1], shift) & RANGE_MASK];
            out[o + 3] = RANGE_LIMIT[descale(tmp13 + odd[0], shift) & RANGE_MASK];
            out[o + 4] = RANGE_LIMIT[descale(tmp13 - odd[0], shift) & RANGE_MASK];
        }
    }

    /** The odd part of jidctint for inputs at positions 7, 5, 3, 1: writes {tmp0, tmp1, tmp2, tmp3} to {@code odd}. */
    private static void oddPart(int tmp0, int tmp1, int tmp2, int tmp3, int[] odd) {
        int z1 = tmp0 + tmp3;
        int z2 = tmp1 + tmp2;
        int z3 = tmp0 + tmp2;
        int z4 = tmp1 + tmp3;
        int z5 = (z3 + z4) * FIX_1_175875602;
        tmp0 *= FIX_0_298631336;
        tmp1 *= FIX_2_053119869;
        tmp2 *= FIX_3_072711026;
        tmp3 *= FIX_1_501321110;
        z1 *= -FIX_0_899976223;
        z2 *= -FIX_2_562915447;
        z3 *= -FIX_1_961570560;
        z4 *= -FIX_0_390180644;
        z3 += z5;
        z4 += z5;
        odd[0] = tmp0 + z1 + z3;
        odd[1] = tmp1 + z2 + z4;
        odd[2] = tmp2 + z2 + z3;
        odd[3] = tmp3 + z1 + z4;
    }
}

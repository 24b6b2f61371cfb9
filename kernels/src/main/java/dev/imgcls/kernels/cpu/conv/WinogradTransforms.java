package dev.imgcls.kernels.cpu.conv;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import static dev.imgcls.kernels.cpu.conv.WinogradTail.A;
import static dev.imgcls.kernels.cpu.conv.WinogradTail.AT;
import static dev.imgcls.kernels.cpu.conv.WinogradTail.BT;
import static dev.imgcls.kernels.cpu.conv.WinogradTail.G;
import static dev.imgcls.kernels.cpu.conv.WinogradTail.GT;

/**
 * The Winograd F(2×2, 3×3) transforms of one tile on the Vector API, a channel vector at a time:
 * NHWC keeps a pixel's channels (HWIO a tap's output channels) contiguous, so each step of a
 * transform is an add or subtract of whole channel vectors. A tile's 16 transformed values go to
 * 16 separate matrices, value ξ = 4·row + column at {@code ξ·xi} from the tile's offset. Every
 * vector is a local, written out in full (a helper taking vectors would box them if not
 * inlined); channels past the last full vector go through {@link WinogradTail}. Loaded only
 * after {@code VectorSupport.enabled()} returned true.
 */
final class WinogradTransforms {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private WinogradTransforms() {
    }

    private static FloatVector ld(float[] a, int i) {
        return FloatVector.fromArray(S, a, i);
    }

    /**
     * V = Bᵀ·d·B for the 4×4 input tile d[r][q] = src[s + r·sRow + q·sCol + c], every value present
     * (the caller zero-pads tiles that leave the image).
     */
    static void input(float[] src, int s, int sRow, int sCol, float[] dst, int d, int xi, int channels) {
        int full = channels - channels % L;
        int x1 = xi;
        int x2 = 2 * xi;
        int x3 = 3 * xi;
        for (int c = 0; c < full; c += L) {
            // Each row times B is (x0 − x2, x1 + x2, x2 − x1, x1 − x3); rows 1 and 2 feed every output row.
            int o = s + sRow + c;
            FloatVector a0 = ld(src, o);
            FloatVector a1 = ld(src, o + sCol);
            FloatVector a2 = ld(src, o + 2 * sCol);
            FloatVector a3 = ld(src, o + 3 * sCol);
            FloatVector p10 = a0.sub(a2);
            FloatVector p11 = a1.add(a2);
            FloatVector p12 = a2.sub(a1);
            FloatVector p13 = a1.sub(a3);
            o += sRow;
            a0 = ld(src, o);
            a1 = ld(src, o + sCol);
            a2 = ld(src, o + 2 * sCol);
            a3 = ld(src, o + 3 * sCol);
            FloatVector p20 = a0.sub(a2);
            FloatVector p21 = a1.add(a2);
            FloatVector p22 = a2.sub(a1);
            FloatVector p23 = a1.sub(a3);
            int e = d + c;
            p10.add(p20).intoArray(dst, e + 4 * xi);
            p11.add(p21).intoArray(dst, e + 4 * xi + x1);
            p12.add(p22).intoArray(dst, e + 4 * xi + x2);
            p13.add(p23).intoArray(dst, e + 4 * xi + x3);
            p20.sub(p10).intoArray(dst, e + 8 * xi);
            p21.sub(p11).intoArray(dst, e + 8 * xi + x1);
            p22.sub(p12).intoArray(dst, e + 8 * xi + x2);
            p23.sub(p13).intoArray(dst, e + 8 * xi + x3);
            o = s + c;
            a0 = ld(src, o);
            a1 = ld(src, o + sCol);
            a2 = ld(src, o + 2 * sCol);
            a3 = ld(src, o + 3 * sCol);
            a0.sub(a2).sub(p20).intoArray(dst, e);
            a1.add(a2).sub(p21).intoArray(dst, e + x1);
            a2.sub(a1).sub(p22).intoArray(dst, e + x2);
            a1.sub(a3).sub(p23).intoArray(dst, e + x3);
            o = s + 3 * sRow + c;
            a0 = ld(src, o);
            a1 = ld(src, o + sCol);
            a2 = ld(src, o + 2 * sCol);
            a3 = ld(src, o + 3 * sCol);
            p10.sub(a0.sub(a2)).intoArray(dst, e + 12 * xi);
            p11.sub(a1.add(a2)).intoArray(dst, e + 12 * xi + x1);
            p12.sub(a2.sub(a1)).intoArray(dst, e + 12 * xi + x2);
            p13.sub(a1.sub(a3)).intoArray(dst, e + 12 * xi + x3);
        }
        WinogradTail.sandwich(BT, src, s, sRow, sCol, 4, 4, dst, d, 4 * xi, xi, 4, 4, full, channels);
    }

    /**
     * Y = Aᵀ·M·A from the 16 products M[ξ] = src[s + ξ·xi + c], written to the first
     * {@code rows}×{@code cols} of the 2×2 outputs dst[d + i·dRow + j·dCol + c] (a partial tile at
     * the bottom or right edge of an odd-sized output keeps the rest unwritten).
     */
    static void output(float[] src, int s, int xi, float[] dst, int d, int dRow, int dCol, int rows, int cols, int channels) {
        int full = channels - channels % L;
        for (int c = 0; c < full; c += L) {
            // Column q of Aᵀ·M: (m0q + m1q + m2q, m1q − m2q − m3q).
            int o = s + c;
            FloatVector m0 = ld(src, o);
            FloatVector m1 = ld(src, o + 4 * xi);
            FloatVector m2 = ld(src, o + 8 * xi);
            FloatVector m3 = ld(src, o + 12 * xi);
            FloatVector t00 = m0.add(m1).add(m2);
            FloatVector t10 = m1.sub(m2).sub(m3);
            o += xi;
            m0 = ld(src, o);
            m1 = ld(src, o + 4 * xi);
            m2 = ld(src, o + 8 * xi);
            m3 = ld(src, o + 12 * xi);
            FloatVector t01 = m0.add(m1).add(m2);
            FloatVector t11 = m1.sub(m2).sub(m3);
            o += xi;
            m0 = ld(src, o);
            m1 = ld(src, o + 4 * xi);
            m2 = ld(src, o + 8 * xi);
            m3 = ld(src, o + 12 * xi);
            FloatVector t02 = m0.add(m1).add(m2);
            FloatVector t12 = m1.sub(m2).sub(m3);
            o += xi;
            m0 = ld(src, o);
            m1 = ld(src, o + 4 * xi);
            m2 = ld(src, o + 8 * xi);
            m3 = ld(src, o + 12 * xi);
            FloatVector t03 = m0.add(m1).add(m2);
            FloatVector t13 = m1.sub(m2).sub(m3);
            int e = d + c;
            t00.add(t01).add(t02).intoArray(dst, e);
            if (cols > 1) {
                t01.sub(t02).sub(t03).intoArray(dst, e + dCol);
            }
            if (rows > 1) {
                t10.add(t11).add(t12).intoArray(dst, e + dRow);
                if (cols > 1) {
                    t11.sub(t12).sub(t13).intoArray(dst, e + dRow + dCol);
                }
            }
        }
        WinogradTail.sandwich(AT, src, s, 4 * xi, xi, 4, 4, dst, d, dRow, dCol, rows, cols, full, channels);
    }

    /**
     * dM = A·dY·Aᵀ, the gradient of the 16 products from the tile's 2×2 output gradient
     * dY[i][j] = src[s + i·sRow + j·sCol + c], of which only the first {@code rows}×{@code cols}
     * exist (the rest, outside an odd-sized output, count as zero).
     */
    static void outputGradient(float[] src, int s, int sRow, int sCol, int rows, int cols, float[] dst, int d, int xi, int channels) {
        int full = channels - channels % L;
        FloatVector zero = FloatVector.zero(S);
        for (int c = 0; c < full; c += L) {
            int o = s + c;
            FloatVector y00 = ld(src, o);
            FloatVector y01 = cols > 1 ? ld(src, o + sCol) : zero;
            FloatVector y10 = rows > 1 ? ld(src, o + sRow) : zero;
            FloatVector y11 = rows > 1 && cols > 1 ? ld(src, o + sRow + sCol) : zero;
            // Rows of A·dY: (y0j), (y0j + y1j), (y0j − y1j), (−y1j); each row (u, v) times Aᵀ is (u, u + v, u − v, −v).
            int e = d + c;
            y00.intoArray(dst, e);
            y00.add(y01).intoArray(dst, e + xi);
            y00.sub(y01).intoArray(dst, e + 2 * xi);
            y01.neg().intoArray(dst, e + 3 * xi);
            FloatVector u = y00.add(y10);
            FloatVector v = y01.add(y11);
            u.intoArray(dst, e + 4 * xi);
            u.add(v).intoArray(dst, e + 5 * xi);
            u.sub(v).intoArray(dst, e + 6 * xi);
            v.neg().intoArray(dst, e + 7 * xi);
            u = y00.sub(y10);
            v = y01.sub(y11);
            u.intoArray(dst, e + 8 * xi);
            u.add(v).intoArray(dst, e + 9 * xi);
            u.sub(v).intoArray(dst, e + 10 * xi);
            v.neg().intoArray(dst, e + 11 * xi);
            y10.neg().intoArray(dst, e + 12 * xi);
            y10.add(y11).neg().intoArray(dst, e + 13 * xi);
            y11.sub(y10).intoArray(dst, e + 14 * xi);
            y11.intoArray(dst, e + 15 * xi);
        }
        WinogradTail.sandwich(A, src, s, sRow, sCol, rows, cols, dst, d, 4 * xi, xi, 4, 4, full, channels);
    }

    /**
     * U = G·g·Gᵀ for the 3×3 filter g[r][q] = src[s + (3r + q)·tap + c] (one input channel's
     * output-channel row of an HWIO filter, taps {@code tap} apart).
     */
    static void filter(float[] src, int s, int tap, float[] dst, int d, int xi, int channels) {
        int full = channels - channels % L;
        for (int c = 0; c < full; c += L) {
            int o = s + c;
            FloatVector g00 = ld(src, o);
            FloatVector g01 = ld(src, o + tap);
            FloatVector g02 = ld(src, o + 2 * tap);
            FloatVector g10 = ld(src, o + 3 * tap);
            FloatVector g11 = ld(src, o + 4 * tap);
            FloatVector g12 = ld(src, o + 5 * tap);
            FloatVector g20 = ld(src, o + 6 * tap);
            FloatVector g21 = ld(src, o + 7 * tap);
            FloatVector g22 = ld(src, o + 8 * tap);
            // Rows of G·g: g0, (g0 + g1 + g2)/2, (g0 − g1 + g2)/2, g2; each row (a, b, e) times Gᵀ is
            // (a, (a + b + e)/2, (a − b + e)/2, e).
            int e = d + c;
            FloatVector ae = g00.add(g02);
            g00.intoArray(dst, e);
            ae.add(g01).mul(0.5f).intoArray(dst, e + xi);
            ae.sub(g01).mul(0.5f).intoArray(dst, e + 2 * xi);
            g02.intoArray(dst, e + 3 * xi);
            ae = g20.add(g22);
            g20.intoArray(dst, e + 12 * xi);
            ae.add(g21).mul(0.5f).intoArray(dst, e + 13 * xi);
            ae.sub(g21).mul(0.5f).intoArray(dst, e + 14 * xi);
            g22.intoArray(dst, e + 15 * xi);
            FloatVector s0 = g00.add(g20);
            FloatVector s1 = g01.add(g21);
            FloatVector s2 = g02.add(g22);
            FloatVector a = s0.add(g10).mul(0.5f);
            FloatVector b = s1.add(g11).mul(0.5f);
            FloatVector f = s2.add(g12).mul(0.5f);
            ae = a.add(f);
            a.intoArray(dst, e + 4 * xi);
            ae.add(b).mul(0.5f).intoArray(dst, e + 5 * xi);
            ae.sub(b).mul(0.5f).intoArray(dst, e + 6 * xi);
            f.intoArray(dst, e + 7 * xi);
            a = s0.sub(g10).mul(0.5f);
            b = s1.sub(g11).mul(0.5f);
            f = s2.sub(g12).mul(0.5f);
            ae = a.add(f);
            a.intoArray(dst, e + 8 * xi);
            ae.add(b).mul(0.5f).intoArray(dst, e + 9 * xi);
            ae.sub(b).mul(0.5f).intoArray(dst, e + 10 * xi);
            f.intoArray(dst, e + 11 * xi);
        }
        WinogradTail.sandwich(G, src, s, 3 * tap, tap, 3, 3, dst, d, 4 * xi, xi, 4, 4, full, channels);
    }

    /**
     * dg = Gᵀ·dU·G, the 3×3 filter gradient dst[d + (3r + q)·tap + c] from the gradient of the 16
     * transformed filter values dU[ξ] = src[s + ξ·xi + c].
     */
    static void filterGradient(float[] src, int s, int xi, float[] dst, int d, int tap, int channels) {
        int full = channels - channels % L;
        for (int c = 0; c < full; c += L) {
            // Column q of Gᵀ·dU: (u0 + (u1 + u2)/2, (u1 − u2)/2, (u1 + u2)/2 + u3).
            int o = s + c;
            FloatVector u0 = ld(src, o);
            FloatVector u1 = ld(src, o + 4 * xi);
            FloatVector u2 = ld(src, o + 8 * xi);
            FloatVector u3 = ld(src, o + 12 * xi);
            FloatVector h = u1.add(u2).mul(0.5f);
            FloatVector t00 = u0.add(h);
            FloatVector t10 = u1.sub(u2).mul(0.5f);
            FloatVector t20 = h.add(u3);
            o += xi;
            u0 = ld(src, o);
            u1 = ld(src, o + 4 * xi);
            u2 = ld(src, o + 8 * xi);
            u3 = ld(src, o + 12 * xi);
            h = u1.add(u2).mul(0.5f);
            FloatVector t01 = u0.add(h);
            FloatVector t11 = u1.sub(u2).mul(0.5f);
            FloatVector t21 = h.add(u3);
            o += xi;
            u0 = ld(src, o);
            u1 = ld(src, o + 4 * xi);
            u2 = ld(src, o + 8 * xi);
            u3 = ld(src, o + 12 * xi);
            h = u1.add(u2).mul(0.5f);
            FloatVector t02 = u0.add(h);
            FloatVector t12 = u1.sub(u2).mul(0.5f);
            FloatVector t22 = h.add(u3);
            o += xi;
            u0 = ld(src, o);
            u1 = ld(src, o + 4 * xi);
            u2 = ld(src, o + 8 * xi);
            u3 = ld(src, o + 12 * xi);
            h = u1.add(u2).mul(0.5f);
            FloatVector t03 = u0.add(h);
            FloatVector t13 = u1.sub(u2).mul(0.5f);
            FloatVector t23 = h.add(u3);
            // Each row (a, b, e, f) times G is (a + (b + e)/2, (b − e)/2, (b + e)/2 + f).
            int e = d + c;
            h = t01.add(t02).mul(0.5f);
            t00.add(h).intoArray(dst, e);
            t01.sub(t02).mul(0.5f).intoArray(dst, e + tap);
            h.add(t03).intoArray(dst, e + 2 * tap);
            h = t11.add(t12).mul(0.5f);
            t10.add(h).intoArray(dst, e + 3 * tap);
            t11.sub(t12).mul(0.5f).intoArray(dst, e + 4 * tap);
            h.add(t13).intoArray(dst, e + 5 * tap);
            h = t21.add(t22).mul(0.5f);
            t20.add(h).intoArray(dst, e + 6 * tap);
            t21.sub(t22).mul(0.5f).intoArray(dst, e + 7 * tap);
            h.add(t23).intoArray(dst, e + 8 * tap);
        }
        WinogradTail.sandwich(GT, src, s, 4 * xi, xi, 4, 4, dst, d, 3 * tap, tap, 3, 3, full, channels);
    }
}

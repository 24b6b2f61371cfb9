package dev.imgcls.data.image.jpeg;

/**
 * Decodes the entropy-coded data of one scan into the components' coefficient blocks: sequential
 * (baseline/extended Huffman) and the four progressive kinds (DC/AC, first/refinement), following
 * libjpeg's jdhuff.c and jdphuff.c.
 */
final class ScanDecoder {
    /** Zigzag index -> natural index, padded so that a corrupt run past 63 lands on 63, as in libjpeg. */
    static final int[] NATURAL_ORDER = new int[64 + 16];

    static {
        int[] zigzag = {
            0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5,
            12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
            35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51,
            58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63};
        System.arraycopy(zigzag, 0, NATURAL_ORDER, 0, 64);
        for (int k = 64; k < NATURAL_ORDER.length; k++) {
            NATURAL_ORDER[k] = 63;
        }
    }

    private final EntropyReader in;
    private final Component[] comps;
    private final boolean progressive;
    private final int ss;
    private final int se;
    private final int ah;
    private final int al;
    private final int restartInterval;
    private int eobRun;

    ScanDecoder(EntropyReader in, Component[] comps, boolean progressive, int ss, int se, int ah, int al,
            int restartInterval) {
        this.in = in;
        this.comps = comps;
        this.progressive = progressive;
        this.ss = ss;
        this.se = se;
        this.ah = ah;
        this.al = al;
        this.restartInterval = restartInterval;
    }

    /**
     * Decodes the scan's MCUs. A sequential scan stops after {@code mcuRowLimit} MCU rows (the rows a
     * crop needs); a progressive one must run to the end because later scans refine every block.
     */
    void decode(int mcusX, int mcusY, int mcuRowLimit) {
        for (Component c : comps) {
            c.dcPredictor = 0;
        }
        eobRun = 0;
        int restartsToGo = restartInterval;
        if (comps.length == 1) {
            Component c = comps[0];
            int rows = progressive ? c.blocksHigh : Math.min(c.blocksHigh, mcuRowLimit);
            for (int br = 0; br < rows; br++) {
                for (int bc = 0; bc < c.blocksWide; bc++) {
                    restartsToGo = restartIfDue(restartsToGo);
                    decodeBlock(c, c.blockOffset(br, bc));
                }
            }
            return;
        }
        int rows = progressive ? mcusY : Math.min(mcusY, mcuRowLimit);
        for (int my = 0; my < rows; my++) {
            for (int mx = 0; mx < mcusX; mx++) {
                restartsToGo = restartIfDue(restartsToGo);
                for (Component c : comps) {
                    for (int by = 0; by < c.v; by++) {
                        for (int bx = 0; bx < c.h; bx++) {
                            decodeBlock(c, c.blockOffset(my * c.v + by, mx * c.h + bx));
                        }
                    }
                }
            }
        }
    }

    private int restartIfDue(int restartsToGo) {
        if (restartInterval == 0) {
            return 0;
        }
        if (restartsToGo == 0) {
            in.restart();
            for (Component c : comps) {
                c.dcPredictor = 0;
            }
            eobRun = 0;
            restartsToGo = restartInterval;
        }
        return restartsToGo - 1;
    }

    private void decodeBlock(Component c, int off) {
        short[] coef = c.coefficients;
        if (!progressive) {
            decodeSequential(c, coef, off);
        } else if (ss == 0) {
            if (ah == 0) {
                c.dcPredictor += in.receiveExtend(in.decode(c.dcTable));
                coef[off] = (short) (c.dcPredictor << al);
            } else if (in.readBit() != 0) {
                coef[off] |= (short) (1 << al);
            }
        } else if (ah == 0) {
            decodeAcFirst(c, coef, off);
        } else {
            decodeAcRefine(c, coef, off);
        }
    }

    private void decodeSequential(Component c, short[] coef, int off) {
        c.dcPredictor += in.receiveExtend(in.decode(c.dcTable));
        coef[off] = (short) c.dcPredictor;
        HuffmanTable ac = c.acTable;
        for (int k = 1; k < 64; k++) {
            int rs = in.decode(ac);
            int r = rs >> 4;
            int s = rs & 15;
            if (s != 0) {
                k += r;
                coef[off + NATURAL_ORDER[k]] = (short) in.receiveExtend(s);
            } else {
                if (r != 15) {
                    break;
                }
                k += 15;
            }
        }
    }

    private void decodeAcFirst(Component c, short[] coef, int off) {
        if (eobRun > 0) {
            eobRun--;
            return;
        }
        HuffmanTable ac = c.acTable;
        for (int k = ss; k <= se; k++) {
            int rs = in.decode(ac);
            int r = rs >> 4;
            int s = rs & 15;
            if (s != 0) {
                k += r;
                coef[off + NATURAL_ORDER[k]] = (short) (in.receiveExtend(s) << al);
            } else if (r == 15) {
                k += 15;
            } else {
                eobRun = (1 << r) - 1;
                if (r != 0) {
                    eobRun += in.readBits(r);
                }
                break;
            }
        }
    }

    private void decodeAcRefine(Component c, short[] coef, int off) {
        int p1 = 1 << al;
        int m1 = -1 << al;
        int k = ss;
        if (eobRun == 0) {
            HuffmanTable ac = c.acTable;
            for (; k <= se; k++) {
                int rs = in.decode(ac);
                int r = rs >> 4;
                int s = rs & 15;
                if (s != 0) {
                    // A newly non-zero coefficient always has magnitude 1 (libjpeg warns otherwise).
                    s = in.readBit() != 0 ? p1 : m1;
                } else if (r != 15) {
                    eobRun = 1 << r;
                    if (r != 0) {
                        eobRun += in.readBits(r);
                    }
                    break;
                }
                // Skip r zero coefficients, appending correction bits to the non-zero ones passed.
                do {
                    int pos = off + NATURAL_ORDER[k];
                    if (coef[pos] != 0) {
                        refine(coef, pos, p1, m1);
                    } else if (--r < 0) {
                        break;
                    }
                    k++;
                } while (k <= se);
                if (s != 0) {
                    coef[off + NATURAL_ORDER[k]] = (short) s;
                }
            }
        }
        if (eobRun > 0) {
            for (; k <= se; k++) {
                int pos = off + NATURAL_ORDER[k];
                if (coef[pos] != 0) {
                    refine(coef, pos, p1, m1);
                }
            }
            eobRun--;
        }
    }

    private void refine(short[] coef, int pos, int p1, int m1) {
        if (in.readBit() != 0 && (coef[pos] & p1) == 0) {
            coef[pos] += (short) (coef[pos] >= 0 ? p1 : m1);
        }
    }
}

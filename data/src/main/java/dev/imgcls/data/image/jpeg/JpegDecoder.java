package dev.imgcls.data.image.jpeg;

import dev.imgcls.data.image.CropWindow;
import dev.imgcls.data.image.DecodeLimits;
import dev.imgcls.data.image.ImageDecodeException;
import dev.imgcls.data.image.ImageFormat;
import dev.imgcls.data.image.RgbImage;

/**
 * A JPEG decoder (baseline, extended and progressive Huffman; gray, YCbCr, RGB, CMYK, YCCK) that
 * reproduces TF's {@code DecodeJpeg(channels=3)} pixel for pixel: libjpeg-turbo's IDCTs, fancy
 * upsampling and colour tables, and TF's CMYK -> RGB rule. Arithmetic-coded, lossless,
 * hierarchical and 12-bit JPEGs are rejected (TF's libjpeg-turbo rejects all but arithmetic).
 *
 * <p>Decoding a crop window reproduces TF's {@code DecodeAndCropJpeg} (what the reference
 * preprocessing calls): like libjpeg-turbo's {@code jpeg_crop_scanline}, decoding starts at the
 * iMCU column boundary left of the window, so when a window edge falls on such a boundary its first
 * or last column is upsampled as an image edge and may differ slightly from the same column of a
 * full decode. A sequential image is decoded only down to the last row the window needs.
 */
public final class JpegDecoder {
    private final byte[] data;
    private final DctMethod method;
    private final int[][] quant = new int[4][];
    private final HuffmanTable[] dcTables = new HuffmanTable[4];
    private final HuffmanTable[] acTables = new HuffmanTable[4];
    /** More scans than any encoder writes (libjpeg-turbo's own tools cap at 500): a CPU-time bomb. */
    private static final int MAX_SCANS = 1000;
    private int scans;
    private int pos;
    private int restartInterval;
    private boolean jfif;
    private int adobeTransform = -1;
    private Frame frame;

    private JpegDecoder(byte[] data, DctMethod method) {
        this.data = data;
        this.method = method;
    }

    /** Decodes the whole image with TF's default IDCT (INTEGER_FAST). */
    public static RgbImage decode(byte[] data) {
        return decode(data, null, DctMethod.INTEGER_FAST);
    }

    /** Decodes {@code window} of the image ({@code null}: all of it) with the given IDCT. */
    public static RgbImage decode(byte[] data, CropWindow window, DctMethod method) {
        try {
            return new JpegDecoder(data, method).run(window);
        } catch (ArrayIndexOutOfBoundsException e) {
            throw new ImageDecodeException("corrupt JPEG: " + e.getMessage(), e);
        }
    }

    /** Width and height from the frame header, read without decoding (TF's extract_jpeg_shape). */
    public static int[] readSize(byte[] data) {
        requireSoi(data);
        JpegDecoder d = new JpegDecoder(data, DctMethod.INTEGER_FAST);
        d.pos = 2;
        while (true) {
            int marker = d.nextMarker();
            if (isFrameMarker(marker)) {
                int p = d.pos + 4;
                requireBytes(data, p + 5);
                int height = u16(data, p + 1);
                int width = u16(data, p + 3);
                return new int[] {width, height};
            }
            if (marker == 0xD9 || marker == 0xDA) {
                throw new ImageDecodeException("corrupt JPEG: no frame header before "
                        + (marker == 0xD9 ? "end of image" : "the first scan"));
            }
            d.skipSegment(marker);
        }
    }

    private RgbImage run(CropWindow window) {
        requireSoi(data);
        pos = 2;
        while (true) {
            if (pos >= data.length) {
                // Some writers drop the EOI; a sequential image whose scans all came is complete.
                if (frame != null && !frame.progressive && frame.allComponentsSeen()) {
                    break;
                }
                throw new ImageDecodeException("truncated JPEG: the data ends before the end-of-image marker");
            }
            int marker = nextMarker();
            if (marker == 0xD9) {
                break;
            }
            switch (marker) {
                case 0xC0, 0xC1, 0xC2 -> readFrame(marker == 0xC2, window);
                case 0xC4 -> readHuffmanTables();
                case 0xDB -> readQuantTables();
                case 0xDD -> readRestartInterval();
                case 0xDA -> readAndDecodeScan();
                case 0xE0 -> readApp0();
                case 0xEE -> readApp14();
                case 0xDC -> throw new ImageDecodeException("unsupported JPEG: DNL marker (height defined after the scan)");
                case 0x01, 0xD0, 0xD1, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6, 0xD7 -> pos += 2;
                default -> {
                    if (isFrameMarker(marker)) {
                        throw new ImageDecodeException("unsupported JPEG coding process (SOF marker 0x"
                                + Integer.toHexString(marker) + ": " + describeProcess(marker) + ")");
                    }
                    skipSegment(marker);
                }
            }
        }
        if (frame == null) {
            throw new ImageDecodeException("corrupt JPEG: no frame header");
        }
        if (!frame.allComponentsSeen()) {
            throw new ImageDecodeException("corrupt JPEG: a colour component never appears in any scan");
        }
        return new JpegRenderer(frame, method, colorSpace(), adobeTransform >= 0).render();
    }

    private static void requireSoi(byte[] data) {
        if (data.length < 2 || (data[0] & 0xFF) != 0xFF || (data[1] & 0xFF) != 0xD8) {
            throw new ImageDecodeException("not a JPEG: missing SOI marker");
        }
        if (data.length < 4) {
            throw new ImageDecodeException("truncated JPEG: only " + data.length + " bytes");
        }
    }

    private static boolean isFrameMarker(int m) {
        return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
    }

    private static String describeProcess(int m) {
        return switch (m) {
            case 0xC3 -> "lossless";
            case 0xC5, 0xC6, 0xC7 -> "hierarchical";
            default -> "arithmetic coding";
        };
    }

    /**
     * Finds the next marker at or after {@code pos}, leaving {@code pos} on its 0xFF. Like libjpeg's
     * next_marker, it skips (libjpeg warns) stray bytes, fill 0xFFs and stuffed 0xFF00 pairs.
     */
    private int nextMarker() {
        while (true) {
            while (pos < data.length && (data[pos] & 0xFF) != 0xFF) {
                pos++;
            }
            while (pos + 1 < data.length && (data[pos + 1] & 0xFF) == 0xFF) {
                pos++;
            }
            if (pos + 1 >= data.length) {
                throw new ImageDecodeException("truncated JPEG: the data ends before the end-of-image marker");
            }
            int code = data[pos + 1] & 0xFF;
            if (code != 0) {
                return code;
            }
            pos += 2;
        }
    }

    /** Start and end (exclusive) of the payload of the segment whose marker is at {@code pos}. */
    private int segmentEnd() {
        requireBytes(data, pos + 4);
        int length = u16(data, pos + 2);
        if (length < 2 || pos + 2 + length > data.length) {
            throw new ImageDecodeException("truncated JPEG: segment 0x" + Integer.toHexString(data[pos + 1] & 0xFF)
                    + " declares " + length + " bytes beyond the end of the data");
        }
        return pos + 2 + length;
    }

    private void skipSegment(int marker) {
        pos = segmentEnd();
    }

    private void readFrame(boolean progressive, CropWindow window) {
        if (frame != null) {
            throw new ImageDecodeException("unsupported JPEG: more than one frame");
        }
        int end = segmentEnd();
        int p = pos + 4;
        requireBytes(data, p + 6);
        int precision = data[p] & 0xFF;
        int height = u16(data, p + 1);
        int width = u16(data, p + 3);
        int count = data[p + 5] & 0xFF;
        if (precision != 8) {
            throw new ImageDecodeException("unsupported JPEG: " + precision + "-bit samples (only 8-bit)");
        }
        if (height == 0) {
            throw new ImageDecodeException("unsupported JPEG: height 0 (DNL marker) in the frame header");
        }
        DecodeLimits.check(ImageFormat.JPEG, width, height);
        if (count < 1 || count > 4 || count == 2 || p + 6 + 3 * count > end) {
            throw new ImageDecodeException("unsupported JPEG: " + count + " colour components");
        }
        Component[] comps = new Component[count];
        for (int i = 0; i < count; i++) {
            int q = p + 6 + 3 * i;
            int h = (data[q + 1] & 0xFF) >> 4;
            int v = data[q + 1] & 0x0F;
            int tq = data[q + 2] & 0xFF;
            if (h < 1 || h > 4 || v < 1 || v > 4 || tq > 3) {
                throw new ImageDecodeException("corrupt JPEG: component sampling " + h + "x" + v + " or quantization table " + tq);
            }
            comps[i] = new Component(data[q] & 0xFF, h, v, tq);
        }
        CropWindow w = window == null ? CropWindow.full(width, height) : window;
        try {
            w.requireInside(width, height);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + " (JPEG " + width + "x" + height + ")", e);
        }
        frame = new Frame(width, height, progressive, comps, w);
        pos = end;
    }

    private void readHuffmanTables() {
        int end = segmentEnd();
        int p = pos + 4;
        while (p < end) {
            int tc = (data[p] & 0xFF) >> 4;
            int th = data[p] & 0x0F;
            if (tc > 1 || th > 3 || p + 17 > end) {
                throw new ImageDecodeException("corrupt JPEG: bad Huffman table header");
            }
            int[] counts = new int[17];
            int total = 0;
            for (int l = 1; l <= 16; l++) {
                counts[l] = data[p + l] & 0xFF;
                total += counts[l];
            }
            if (p + 17 + total > end) {
                throw new ImageDecodeException("corrupt JPEG: Huffman table longer than its segment");
            }
            int[] symbols = new int[total];
            for (int i = 0; i < total; i++) {
                symbols[i] = data[p + 17 + i] & 0xFF;
            }
            HuffmanTable t = new HuffmanTable(counts, symbols, tc == 0);
            if (tc == 0) {
                dcTables[th] = t;
            } else {
                acTables[th] = t;
            }
            p += 17 + total;
        }
        pos = end;
    }

    private void readQuantTables() {
        int end = segmentEnd();
        int p = pos + 4;
        while (p < end) {
            int pq = (data[p] & 0xFF) >> 4;
            int tq = data[p] & 0x0F;
            int size = pq == 0 ? 64 : 128;
            if (pq > 1 || tq > 3 || p + 1 + size > end) {
                throw new ImageDecodeException("corrupt JPEG: bad quantization table");
            }
            int[] table = new int[64];
            for (int k = 0; k < 64; k++) {
                int v = pq == 0 ? data[p + 1 + k] & 0xFF : u16(data, p + 1 + 2 * k);
                table[ScanDecoder.NATURAL_ORDER[k]] = v;
            }
            quant[tq] = table;
            p += 1 + size;
        }
        pos = end;
    }

    private void readRestartInterval() {
        int end = segmentEnd();
        requireBytes(data, pos + 6);
        restartInterval = u16(data, pos + 4);
        pos = end;
    }

    private void readApp0() {
        int end = segmentEnd();
        int p = pos + 4;
        // libjpeg: a JFIF marker needs at least 14 bytes of data starting "JFIF\0".
        if (end - p >= 14 && data[p] == 'J' && data[p + 1] == 'F' && data[p + 2] == 'I' && data[p + 3] == 'F' && data[p + 4] == 0) {
            jfif = true;
        }
        pos = end;
    }

    private void readApp14() {
        int end = segmentEnd();
        int p = pos + 4;
        if (end - p >= 12 && data[p] == 'A' && data[p + 1] == 'd' && data[p + 2] == 'o' && data[p + 3] == 'b' && data[p + 4] == 'e') {
            adobeTransform = data[p + 11] & 0xFF;
        }
        pos = end;
    }

    private void readAndDecodeScan() {
        if (frame == null) {
            throw new ImageDecodeException("corrupt JPEG: scan before the frame header");
        }
        if (++scans > MAX_SCANS) {
            throw new ImageDecodeException("corrupt JPEG: more than " + MAX_SCANS + " scans");
        }
        int end = segmentEnd();
        int p = pos + 4;
        int n = data[p] & 0xFF;
        if (n < 1 || n > 4 || p + 1 + 2 * n + 3 > end) {
            throw new ImageDecodeException("corrupt JPEG: bad scan header (" + n + " components)");
        }
        Component[] scanComps = new Component[n];
        for (int i = 0; i < n; i++) {
            int id = data[p + 1 + 2 * i] & 0xFF;
            int tables = data[p + 2 + 2 * i] & 0xFF;
            Component c = frame.component(id);
            if (c == null) {
                throw new ImageDecodeException("corrupt JPEG: scan names component " + id + " not in the frame");
            }
            c.dcTable = dcTables[(tables >> 4) & 3];
            c.acTable = acTables[tables & 3];
            scanComps[i] = c;
        }
        int q = p + 1 + 2 * n;
        int ss = data[q] & 0xFF;
        int se = data[q + 1] & 0xFF;
        int ah = (data[q + 2] & 0xFF) >> 4;
        int al = data[q + 2] & 0x0F;
        checkScan(scanComps, ss, se, ah, al);
        for (Component c : scanComps) {
            if (!c.seen) {
                if (quant[c.quantTable] == null) {
                    throw new ImageDecodeException("corrupt JPEG: quantization table " + c.quantTable + " is not defined");
                }
                // libjpeg latches a component's quantization table at its first scan.
                c.multipliers = Idct.multipliers(method, quant[c.quantTable]);
                c.seen = true;
            }
        }
        EntropyReader reader = new EntropyReader(data, end);
        ScanDecoder scan = new ScanDecoder(reader, scanComps, frame.progressive, ss, se, ah, al, restartInterval);
        scan.decode(frame.mcusX, frame.mcusY, frame.rowLimit(scanComps));
        pos = reader.endOfSegment();
    }

    private void checkScan(Component[] comps, int ss, int se, int ah, int al) {
        boolean dcFirst;
        boolean usesAc;
        if (frame.progressive) {
            boolean bad = ss > se || se > 63 || al > 13 || (ah != 0 && ah != al + 1)
                    || (ss == 0 && se != 0) || (ss != 0 && comps.length != 1);
            if (bad) {
                throw new ImageDecodeException("corrupt JPEG: invalid progressive scan parameters Ss=" + ss
                        + " Se=" + se + " Ah=" + ah + " Al=" + al);
            }
            dcFirst = ss == 0 && ah == 0;
            usesAc = ss != 0;
        } else {
            dcFirst = true;
            usesAc = true;
        }
        for (Component c : comps) {
            if ((dcFirst && c.dcTable == null) || (usesAc && c.acTable == null)) {
                throw new ImageDecodeException("corrupt JPEG: scan uses an undefined Huffman table");
            }
        }
    }

    /** libjpeg's choice of the stored colour space (jdapimin.c default_decompress_parms). */
    private ColorSpace colorSpace() {
        Component[] c = frame.components;
        if (c.length == 1) {
            return ColorSpace.GRAY;
        }
        if (c.length == 3) {
            if (jfif) {
                return ColorSpace.YCBCR;
            }
            if (adobeTransform >= 0) {
                return adobeTransform == 0 ? ColorSpace.RGB : ColorSpace.YCBCR;
            }
            if (c[0].id == 82 && c[1].id == 71 && c[2].id == 66) {
                return ColorSpace.RGB;
            }
            return ColorSpace.YCBCR;
        }
        if (adobeTransform >= 0) {
            return adobeTransform == 0 ? ColorSpace.CMYK : ColorSpace.YCCK;
        }
        return ColorSpace.CMYK;
    }

    private static int u16(byte[] d, int p) {
        return ((d[p] & 0xFF) << 8) | (d[p + 1] & 0xFF);
    }

    private static void requireBytes(byte[] d, int end) {
        if (end > d.length) {
            throw new ImageDecodeException("truncated JPEG: header ends early");
        }
    }
}

package dev.imgcls.data.image.jpeg;

import dev.imgcls.data.image.CropWindow;
import dev.imgcls.data.image.RgbImage;

/**
 * Turns decoded coefficients into RGB pixels of the frame's window: inverse DCT of the block rows
 * the window needs, upsampling of each component to full resolution row by row, then colour
 * conversion of the window's columns.
 */
final class JpegRenderer {
    private final Frame frame;
    private final DctMethod method;
    private final ColorSpace colorSpace;
    private final boolean adobe;

    JpegRenderer(Frame frame, DctMethod method, ColorSpace colorSpace, boolean adobe) {
        this.frame = frame;
        this.method = method;
        this.colorSpace = colorSpace;
        this.adobe = adobe;
    }

    RgbImage render() {
        CropWindow win = frame.window;
        Component[] comps = frame.components;
        int n = comps.length;
        // Like libjpeg-turbo's jpeg_crop_scanline (TF's DecodeAndCropJpeg): decode from the iMCU
        // column boundary at or left of the window, up to the window's right edge.
        int align = n == 1 ? 8 : 8 * frame.maxH;
        int alignedX = win.x() / align * align;
        int outWidth = win.right() - alignedX;
        byte[][] planes = new byte[n][];
        int[] strides = new int[n];
        int[] starts = new int[n];
        int[] ws = new int[64];
        for (int i = 0; i < n; i++) {
            Component c = comps[i];
            Upsampler up = frame.upsamplers[i];
            starts[i] = alignedX * c.h / frame.maxH;
            int lastCol = Math.min(c.width, starts[i] + up.segmentWidth(outWidth)) - 1;
            strides[i] = c.blocksWide * 8;
            planes[i] = new byte[strides[i] * c.blocksHigh * 8];
            int firstBlockRow = up.firstRowNeeded(win.y()) / 8;
            int lastBlockRow = up.lastRowNeeded(win.bottom() - 1) / 8;
            for (int br = firstBlockRow; br <= lastBlockRow; br++) {
                for (int bc = starts[i] / 8; bc <= lastCol / 8; bc++) {
                    Idct.inverse(method, c.coefficients, c.blockOffset(br, bc), c.multipliers, ws,
                            planes[i], br * 8 * strides[i] + bc * 8, strides[i]);
                }
            }
        }
        // One spare sample: a 2x upsampler writes pairs and may pass an odd width by one.
        byte[][] rows = new byte[n][outWidth + 1];
        byte[] out = new byte[win.width() * win.height() * 3];
        int o = 0;
        int from = win.x() - alignedX;
        for (int y = win.y(); y < win.bottom(); y++) {
            for (int i = 0; i < n; i++) {
                frame.upsamplers[i].row(planes[i], strides[i], y, starts[i], outWidth, rows[i]);
            }
            o = convertRow(rows, from, from + win.width(), out, o);
        }
        return new RgbImage(win.width(), win.height(), out);
    }

    private int convertRow(byte[][] rows, int from, int to, byte[] out, int o) {
        switch (colorSpace) {
            case GRAY -> {
                byte[] g = rows[0];
                for (int x = from; x < to; x++, o += 3) {
                    out[o] = g[x];
                    out[o + 1] = g[x];
                    out[o + 2] = g[x];
                }
            }
            case RGB -> {
                for (int x = from; x < to; x++, o += 3) {
                    out[o] = rows[0][x];
                    out[o + 1] = rows[1][x];
                    out[o + 2] = rows[2][x];
                }
            }
            case YCBCR -> {
                JpegColor.yccToRgb(rows[0], rows[1], rows[2], from, to, out, o);
                o += 3 * (to - from);
            }
            case CMYK -> {
                for (int x = from; x < to; x++, o += 3) {
                    JpegColor.cmykToRgb(rows[0][x] & 0xFF, rows[1][x] & 0xFF, rows[2][x] & 0xFF, rows[3][x] & 0xFF,
                            adobe, out, o);
                }
            }
            case YCCK -> {
                for (int x = from; x < to; x++, o += 3) {
                    int y = rows[0][x] & 0xFF;
                    int cb = rows[1][x] & 0xFF;
                    int cr = rows[2][x] & 0xFF;
                    JpegColor.cmykToRgb(JpegColor.ycckCyan(y, cr), JpegColor.ycckMagenta(y, cb, cr),
                            JpegColor.ycckYellow(y, cb), rows[3][x] & 0xFF, adobe, out, o);
                }
            }
        }
        return o;
    }
}

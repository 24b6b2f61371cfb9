package dev.imgcls.data.image;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageReader;
import javax.imageio.ImageIO;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * PNG and BMP through the JDK's ImageIO readers, reading raw samples (never ImageIO's colour
 * management) and converting them to RGB the way TF's decoders with channels=3 do: alpha dropped,
 * 16-bit samples reduced to their high byte (libpng's png_set_strip_16), gray and palette expanded.
 * Sizes have been checked against {@link DecodeLimits} before ImageIO allocates anything.
 */
final class ImageIoDecoder {
    private ImageIoDecoder() {
    }

    static RgbImage decode(byte[] data, ImageHeader header) {
        BufferedImage image = read(data, header.format());
        return switch (header.format()) {
            case PNG -> fromRaster(image, header);
            case BMP -> fromArgb(image);
            case GIF, JPEG -> throw new IllegalArgumentException(header.format() + " has its own decoder");
        };
    }

    private static BufferedImage read(byte[] data, ImageFormat format) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.name().toLowerCase());
        if (!readers.hasNext()) {
            throw new ImageDecodeException("no ImageIO reader for " + format);
        }
        ImageReader reader = readers.next();
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(data))) {
            reader.setInput(in, true, true);
            return reader.read(0);
        } catch (IOException | RuntimeException e) {
            throw new ImageDecodeException("corrupt or truncated " + format + ": " + e.getMessage(), e);
        } finally {
            reader.dispose();
        }
    }

    /** PNG: raw samples per band; palette and low-bit gray through the colour model's table. */
    private static RgbImage fromRaster(BufferedImage image, ImageHeader header) {
        int w = image.getWidth();
        int h = image.getHeight();
        requireSize(w, h, header);
        Raster raster = image.getRaster();
        ColorModel cm = image.getColorModel();
        int bands = raster.getNumBands();
        int bits = raster.getSampleModel().getSampleSize(0);
        byte[] out = new byte[w * h * 3];
        int[] row = new int[w * bands];
        for (int y = 0; y < h; y++) {
            raster.getPixels(0, y, w, 1, row);
            int o = y * w * 3;
            if (cm instanceof IndexColorModel icm) {
                for (int x = 0; x < w; x++, o += 3) {
                    int i = row[x];
                    out[o] = (byte) icm.getRed(i);
                    out[o + 1] = (byte) icm.getGreen(i);
                    out[o + 2] = (byte) icm.getBlue(i);
                }
            } else {
                // Gray (+alpha) uses band 0 for all three; RGB(A) bands 0..2. 16-bit keeps the high
                // byte; 1/2/4-bit gray is scaled to 0..255 (libpng's expand_gray_1_2_4_to_8).
                int shift = bits > 8 ? bits - 8 : 0;
                int scale = bits < 8 ? 255 / ((1 << bits) - 1) : 1;
                boolean gray = bands <= 2;
                for (int x = 0; x < w; x++, o += 3) {
                    int p = x * bands;
                    for (int c = 0; c < 3; c++) {
                        out[o + c] = (byte) ((row[p + (gray ? 0 : c)] >> shift) * scale);
                    }
                }
            }
        }
        return new RgbImage(w, h, out);
    }

    /** BMP: every variant ImageIO reads, through its ARGB view (not premultiplied), alpha dropped. */
    private static RgbImage fromArgb(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] out = new byte[w * h * 3];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0, o = y * w * 3; x < w; x++, o += 3) {
                out[o] = (byte) (row[x] >> 16);
                out[o + 1] = (byte) (row[x] >> 8);
                out[o + 2] = (byte) row[x];
            }
        }
        return new RgbImage(w, h, out);
    }

    private static void requireSize(int w, int h, ImageHeader header) {
        if (w != header.width() || h != header.height()) {
            throw new ImageDecodeException("corrupt " + header.format() + ": header says " + header.width() + "x"
                    + header.height() + " but the decoder produced " + w + "x" + h);
        }
    }
}

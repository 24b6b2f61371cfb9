package dev.imgcls.data.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.w3c.dom.Node;

/** Photo-like synthetic test images and the encoders (ImageIO) used to make test files from them. */
public final class TestImages {
    private TestImages() {
    }

    /** Smooth gradients, noise, stripes and a disc: content with the spectrum of a photo, not flat colour. */
    public static RgbImage photo(int width, int height, long seed) {
        Random r = new Random(seed);
        double fx = 0.01 + r.nextDouble() * 0.03;
        double fy = 0.01 + r.nextDouble() * 0.03;
        int cx = r.nextInt(width);
        int cy = r.nextInt(height);
        int radius = 1 + Math.min(width, height) / 4;
        byte[] p = new byte[width * height * 3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                for (int c = 0; c < 3; c++) {
                    double v = 128 + 90 * Math.sin(x * fx * (c + 1) + y * fy) + r.nextGaussian() * 12;
                    if (((x / 23) + (y / 17)) % 5 == 0 && c == 1) {
                        v = 225 + r.nextGaussian() * 4;
                    }
                    if ((long) (x - cx) * (x - cx) + (long) (y - cy) * (y - cy) < (long) radius * radius) {
                        v = c == 0 ? 240 : 25 + 10 * c;
                    }
                    p[(y * width + x) * 3 + c] = (byte) Math.max(0, Math.min(255, (int) Math.round(v)));
                }
            }
        }
        return new RgbImage(width, height, p);
    }

    public static BufferedImage toBufferedImage(RgbImage img) {
        BufferedImage bi = new BufferedImage(img.width(), img.height(), BufferedImage.TYPE_3BYTE_BGR);
        byte[] d = ((DataBufferByte) bi.getRaster().getDataBuffer()).getData();
        byte[] p = img.pixels();
        for (int i = 0; i < img.width() * img.height(); i++) {
            d[i * 3] = p[i * 3 + 2];
            d[i * 3 + 1] = p[i * 3 + 1];
            d[i * 3 + 2] = p[i * 3];
        }
        return bi;
    }

    /**
     * A JPEG from the JDK encoder with the luminance sampling factors {@code lumaH x lumaV} (chroma
     * 1x1: 2x2 is 4:2:0, 2x1 4:2:2, 1x2 4:4:0, 4x1 4:1:1), a restart interval in MCUs (0: none),
     * optionally progressive.
     */
    public static byte[] jpeg(RgbImage img, float quality, int lumaH, int lumaV, int restartInterval, boolean progressive) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            if (progressive) {
                param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            }
            BufferedImage bi = toBufferedImage(img);
            IIOMetadata md = writer.getDefaultImageMetadata(new ImageTypeSpecifier(bi), param);
            String format = "javax_imageio_jpeg_image_1.0";
            Node root = md.getAsTree(format);
            Node markers = child(root, "markerSequence");
            Node sof = child(markers, "sof");
            IIOMetadataNode luma = (IIOMetadataNode) sof.getFirstChild();
            luma.setAttribute("HsamplingFactor", Integer.toString(lumaH));
            luma.setAttribute("VsamplingFactor", Integer.toString(lumaV));
            if (restartInterval > 0) {
                IIOMetadataNode dri = new IIOMetadataNode("dri");
                dri.setAttribute("interval", Integer.toString(restartInterval));
                markers.insertBefore(dri, sof);
            }
            md.setFromTree(format, root);
            return write(writer, new IIOImage(bi, null, md), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
    }

    /** A 4-channel JPEG of raw samples (the JDK writes 4-band rasters unconverted and without an Adobe marker). */
    public static byte[] fourChannelJpeg(int width, int height, long seed, float quality) {
        Random r = new Random(seed);
        WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, width, height, 4, null);
        byte[] d = ((DataBufferByte) raster.getDataBuffer()).getData();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                for (int c = 0; c < 4; c++) {
                    double v = 128 + 100 * Math.sin(0.05 * x * (c + 1) + 0.03 * y * (4 - c)) + r.nextGaussian() * 8;
                    d[(y * width + x) * 4 + c] = (byte) Math.max(0, Math.min(255, (int) v));
                }
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            return write(writer, new IIOImage(raster, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
    }

    /** The JPEG with an Adobe APP14 segment (transform 0: CMYK/RGB, 1: YCbCr, 2: YCCK) inserted after SOI. */
    public static byte[] withAdobeMarker(byte[] jpeg, int transform) {
        byte[] app14 = {(byte) 0xFF, (byte) 0xEE, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, (byte) transform};
        byte[] out = new byte[jpeg.length + app14.length];
        System.arraycopy(jpeg, 0, out, 0, 2);
        System.arraycopy(app14, 0, out, 2, app14.length);
        System.arraycopy(jpeg, 2, out, 2 + app14.length, jpeg.length - 2);
        return out;
    }

    /** A PNG of an image through ImageIO (RGB, or {@code gray}, {@code indexed} and {@code interlaced} variants). */
    public static byte[] png(BufferedImage image, boolean interlaced) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        try {
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (interlaced) {
                param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            }
            return write(writer, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
    }

    /** An indexed-colour image with a {@code bits}-bit palette of random colours (1, 2, 4 or 8 bits). */
    public static BufferedImage indexed(int width, int height, int bits, long seed) {
        Random r = new Random(seed);
        int n = 1 << bits;
        byte[] red = new byte[n];
        byte[] green = new byte[n];
        byte[] blue = new byte[n];
        r.nextBytes(red);
        r.nextBytes(green);
        r.nextBytes(blue);
        IndexColorModel icm = new IndexColorModel(bits, n, red, green, blue);
        BufferedImage bi = bits == 8
                ? new BufferedImage(width, height, BufferedImage.TYPE_BYTE_INDEXED, icm)
                : new BufferedImage(width, height, BufferedImage.TYPE_BYTE_BINARY, icm);
        WritableRaster raster = bi.getRaster();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                raster.setSample(x, y, 0, ((x / 3) + (y / 2) + r.nextInt(2)) % n);
            }
        }
        return bi;
    }

    /** A gray image of {@code bits}-bit samples (1, 2, 4: packed; 8; 16). */
    public static BufferedImage gray(int width, int height, int bits, long seed) {
        Random r = new Random(seed);
        BufferedImage bi = switch (bits) {
            case 8 -> new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
            case 16 -> new BufferedImage(width, height, BufferedImage.TYPE_USHORT_GRAY);
            default -> new BufferedImage(width, height, BufferedImage.TYPE_BYTE_BINARY, grayRamp(bits));
        };
        WritableRaster raster = bi.getRaster();
        int max = (1 << bits) - 1;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double v = (0.5 + 0.45 * Math.sin(x * 0.07 + y * 0.05)) * max + r.nextGaussian() * max * 0.03;
                raster.setSample(x, y, 0, (int) Math.max(0, Math.min(max, Math.round(v))));
            }
        }
        return bi;
    }

    private static IndexColorModel grayRamp(int bits) {
        int n = 1 << bits;
        byte[] g = new byte[n];
        for (int i = 0; i < n; i++) {
            g[i] = (byte) (i * 255 / (n - 1));
        }
        return new IndexColorModel(bits, n, g, g, g);
    }

    public static byte[] encode(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format + " and image type " + image.getType());
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] write(ImageWriter writer, IIOImage image, ImageWriteParam param) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, image, param);
        }
        return bytes.toByteArray();
    }

    private static Node child(Node parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeName().equals(name)) {
                return n;
            }
        }
        throw new IllegalStateException("no " + name + " in JPEG metadata");
    }

    /** Max and mean absolute difference between two RGB images of the same size. */
    public static double[] difference(RgbImage a, RgbImage b) {
        if (a.width() != b.width() || a.height() != b.height()) {
            throw new AssertionError("sizes differ: " + a.width() + "x" + a.height() + " vs " + b.width() + "x" + b.height());
        }
        int max = 0;
        long sum = 0;
        for (int i = 0; i < a.pixels().length; i++) {
            int d = Math.abs((a.pixels()[i] & 0xFF) - (b.pixels()[i] & 0xFF));
            max = Math.max(max, d);
            sum += d;
        }
        return new double[] {max, sum / (double) a.pixels().length};
    }
}

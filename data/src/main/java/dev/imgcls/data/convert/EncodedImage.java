package dev.imgcls.data.convert;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * The bytes a record stores for one source image. JPEG and PNG files are stored unchanged (no
 * re-encoding loss, and they are what the trainer's decoder and TensorFlow's {@code decode_image}
 * read). Anything else ImageIO can read (GIF, BMP, TIFF, WBMP) is converted to PNG: lossless, so the
 * pixels are exactly the source's, with no quality setting to choose; the alpha channel is dropped
 * as TensorFlow's 3-channel decoding does. (The 2019 reference pipeline decoded JPEG only; our
 * trainer reads both.) {@code channels} and {@code colorspace} are what the record states: 3 and RGB
 * for files (the decoded form), 1 and GRAYSCALE for IDX pixels, stored as grey PNG.
 */
record EncodedImage(byte[] bytes, String format, int width, int height, int channels, String colorspace) {

    /** What the trainer decodes every image to, as Google's converters record it. */
    EncodedImage(byte[] bytes, String format, int width, int height) {
        this(bytes, format, width, height, 3, "RGB");
    }

    /**
     * @param source the file name for error messages
     * @throws BadSourceImage naming the file when it is not an image we can store
     */
    static EncodedImage of(byte[] file, String source) throws IOException {
        ImageHeaders.Info info;
        try {
            info = ImageHeaders.probe(file);
        } catch (IOException e) {
            throw new BadSourceImage(source, e.getMessage(), e);
        }
        if (info != null) {
            return new EncodedImage(file, info.format(), info.width(), info.height());
        }
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(file));
        } catch (IOException | RuntimeException e) {
            // ImageIO's messages name its own classes at times; the format it failed on is what matters.
            throw new BadSourceImage(source, "damaged or unsupported image data (" + file.length + " bytes)", e);
        }
        if (image == null) {
            throw new BadSourceImage(source, "not a JPEG, PNG, GIF, BMP, TIFF or WBMP file (" + file.length + " bytes)", null);
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(toRgb(image), "png", png);
        return new EncodedImage(png.toByteArray(), "PNG", image.getWidth(), image.getHeight());
    }

    /** 8-bit RGB without alpha; grey levels are copied, not colour-managed (getRGB would gamma-shift them). */
    static BufferedImage toRgb(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        BufferedImage rgb = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Raster raster = image.getRaster();
        boolean grey = raster.getNumBands() <= 2 && !(image.getColorModel() instanceof IndexColorModel);
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            if (grey) {
                int shift = Math.max(0, image.getColorModel().getComponentSize(0) - 8);
                for (int x = 0; x < w; x++) {
                    int v = raster.getSample(x, y, 0) >> shift;
                    row[x] = v << 16 | v << 8 | v;
                }
            } else {
                image.getRGB(0, y, w, 1, row, 0, w);
                for (int x = 0; x < w; x++) {
                    row[x] &= 0xFFFFFF;
                }
            }
            rgb.setRGB(0, y, w, 1, row, 0, w);
        }
        return rgb;
    }
}

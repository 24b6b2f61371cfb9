package dev.imgcls.data.image;

/**
 * A decoded image: 8-bit RGB, row-major, channels interleaved (HWC), the layout TF's
 * {@code decode_*(channels=3)} returns.
 */
public record RgbImage(int width, int height, byte[] pixels) {
    public RgbImage {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        if (pixels.length != (long) width * height * 3) {
            throw new IllegalArgumentException("an RGB image of " + width + "x" + height + " needs "
                    + (long) width * height * 3 + " bytes, got " + pixels.length);
        }
    }

    /** Channel {@code c} (0 = R, 1 = G, 2 = B) of pixel (x, y), 0..255. */
    public int get(int x, int y, int c) {
        return pixels[(y * width + x) * 3 + c] & 0xFF;
    }

    /** The sub-image inside {@code window}, copied. */
    public RgbImage crop(CropWindow window) {
        window.requireInside(width, height);
        if (window.x() == 0 && window.y() == 0 && window.width() == width && window.height() == height) {
            return this;
        }
        byte[] out = new byte[window.width() * window.height() * 3];
        int rowBytes = window.width() * 3;
        for (int y = 0; y < window.height(); y++) {
            System.arraycopy(pixels, ((window.y() + y) * width + window.x()) * 3, out, y * rowBytes, rowBytes);
        }
        return new RgbImage(window.width(), window.height(), out);
    }
}

package dev.imgcls.data.image;

/**
 * Guards against decompression bombs: every decoder checks the dimensions an image declares in its
 * header against these limits before it allocates anything sized by them.
 */
public final class DecodeLimits {
    /** Largest accepted width or height. */
    public static final int MAX_SIDE = 32768;
    /** Largest accepted width x height (the RGB output is 3 bytes per pixel). */
    public static final long MAX_PIXELS = 100_000_000L;

    private DecodeLimits() {
    }

    /** Throws {@link ImageDecodeException} unless a {@code width x height} image is acceptable. */
    public static void check(ImageFormat format, long width, long height) {
        if (width <= 0 || height <= 0) {
            throw new ImageDecodeException(format + " header declares an empty image (" + width + "x" + height + ")");
        }
        if (width > MAX_SIDE || height > MAX_SIDE || width * height > MAX_PIXELS) {
            throw new ImageDecodeException(format + " header declares " + width + "x" + height
                    + " pixels, beyond the decoder limit (each side <= " + MAX_SIDE + ", at most "
                    + MAX_PIXELS + " pixels): refusing to allocate it");
        }
    }
}

package dev.imgcls.data.image;

import dev.imgcls.data.image.jpeg.DctMethod;
import dev.imgcls.data.image.jpeg.JpegDecoder;

/**
 * Decodes encoded image bytes (JPEG, PNG, GIF first frame, BMP; recognised by magic bytes) to 8-bit
 * RGB, as TF's {@code decode_image(channels=3, expand_animations=False)} would: gray is expanded to
 * three channels, alpha is dropped, 16-bit PNG samples keep their high byte. JPEG goes through our
 * own decoder, which reproduces TF's DecodeJpeg bit for bit, GIF through our LZW decoder, PNG and
 * BMP through ImageIO.
 *
 * <p>Every path checks the declared size against {@link DecodeLimits} before allocating. Failures
 * are {@link ImageDecodeException}s; the message says what was wrong, the caller adds which record.
 * Thread-safe: no shared mutable state.
 */
public final class ImageDecoder {
    private ImageDecoder() {
    }

    /** Format and size from the header alone (no pixels decoded), checked against the limits. */
    public static ImageHeader probe(byte[] data) {
        return HeaderReader.read(data);
    }

    public static RgbImage decode(byte[] data) {
        return decode(data, null);
    }

    /**
     * Decodes only {@code window} ({@code null}: the whole image). For JPEG this is TF's
     * DecodeAndCropJpeg, bit for bit (decoding stops below the window; see {@link JpegDecoder} for
     * how its edge columns can differ from a crop of the full decode); other formats are decoded
     * whole and cropped.
     */
    public static RgbImage decode(byte[] data, CropWindow window) {
        ImageHeader header = probe(data);
        if (window != null) {
            window.requireInside(header.width(), header.height());
        }
        if (header.format() == ImageFormat.JPEG) {
            return JpegDecoder.decode(data, window, DctMethod.INTEGER_FAST);
        }
        RgbImage image = header.format() == ImageFormat.GIF
                ? GifDecoder.decode(data, header)
                : ImageIoDecoder.decode(data, header);
        return window == null ? image : image.crop(window);
    }
}

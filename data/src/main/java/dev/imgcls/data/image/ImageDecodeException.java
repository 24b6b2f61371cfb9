package dev.imgcls.data.image;

/**
 * Thrown when encoded bytes are not an image we can decode: unknown format, corrupt or truncated
 * data, an unsupported variant, or declared dimensions beyond {@link DecodeLimits}. The message
 * says what was wrong; the caller adds where the bytes came from (file, record index).
 */
public class ImageDecodeException extends RuntimeException {
    public ImageDecodeException(String message) {
        super(message);
    }

    public ImageDecodeException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.imgcls.data.convert;

/**
 * One source image that cannot be converted (missing, unreadable, or not an image we can store):
 * the failure {@code --skip_bad_images} passes over, with the path and the reason for its line.
 */
final class BadSourceImage extends ConversionException {
    private final String path;
    private final String reason;

    BadSourceImage(String path, String reason, Throwable cause) {
        super("cannot read image " + path + ": " + reason, cause);
        this.path = path;
        this.reason = reason;
    }

    String path() {
        return path;
    }

    /** E.g. "no such file", "not a JPEG, PNG, GIF, BMP, TIFF or WBMP file (100 bytes)". */
    String reason() {
        return reason;
    }
}

package dev.imgcls.data.image;

/** A rectangle of pixels: left column {@code x}, top row {@code y}, and its size. */
public record CropWindow(int x, int y, int width, int height) {
    public CropWindow {
        if (x < 0 || y < 0 || width <= 0 || height <= 0) {
            throw new IllegalArgumentException("invalid crop window " + describe(x, y, width, height)
                    + ": offsets must be >= 0 and sizes > 0");
        }
    }

    /** The whole of a {@code width x height} image. */
    public static CropWindow full(int width, int height) {
        return new CropWindow(0, 0, width, height);
    }

    public int right() {
        return x + width;
    }

    public int bottom() {
        return y + height;
    }

    /** Throws if this window reaches outside a {@code imageWidth x imageHeight} image. */
    public void requireInside(int imageWidth, int imageHeight) {
        if ((long) x + width > imageWidth || (long) y + height > imageHeight) {
            throw new IllegalArgumentException("crop window " + this + " reaches outside the "
                    + imageWidth + "x" + imageHeight + " image");
        }
    }

    @Override
    public String toString() {
        return describe(x, y, width, height);
    }

    private static String describe(int x, int y, int width, int height) {
        return width + "x" + height + " at (x=" + x + ", y=" + y + ")";
    }
}

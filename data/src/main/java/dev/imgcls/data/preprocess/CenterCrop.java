package dev.imgcls.data.preprocess;

import dev.imgcls.data.image.CropWindow;

/**
 * The evaluation crop of the reference preprocessing ({@code _decode_and_center_crop}): a centred
 * square of side {@code int(image_size / (image_size + 32) * min(h, w))}, the factor rounded to
 * float32 and the product taken in float32 as TF does, offsets {@code ((h - side + 1) // 2,
 * (w - side + 1) // 2)}.
 *
 * <p>{@link #window(int, int, int, int)} takes another padding than 32 ({@link CropSettings#evalCropPadding()});
 * 0 keeps the largest centred square.
 *
 * <p>Deviation: the reference fails with "Invalid crop window" when the side comes out 0 (images
 * under ~2 px on their short side, tensorflow/tpu#856); we use a side of at least 1 pixel instead.
 */
public final class CenterCrop {
    /** The reference's CROP_PADDING. */
    public static final int CROP_PADDING = 32;

    private CenterCrop() {
    }

    /** The reference's window, padding 32. */
    public static CropWindow window(int height, int width, int imageSize) {
        return window(height, width, imageSize, CROP_PADDING);
    }

    /** The window of side {@code int(image_size / (image_size + cropPadding) * min(h, w))}. */
    public static CropWindow window(int height, int width, int imageSize, int cropPadding) {
        if (height <= 0 || width <= 0 || imageSize <= 0 || cropPadding < 0) {
            throw new IllegalArgumentException("center crop needs positive sizes and a padding >= 0, got image " + height + "x" + width
                    + ", image_size " + imageSize + " and crop padding " + cropPadding);
        }
        float fraction = (float) (imageSize / (double) (imageSize + cropPadding));
        int side = (int) (fraction * (float) Math.min(height, width));
        side = Math.max(1, side);
        int top = (height - side + 1) / 2;
        int left = (width - side + 1) / 2;
        return new CropWindow(left, top, side, side);
    }
}

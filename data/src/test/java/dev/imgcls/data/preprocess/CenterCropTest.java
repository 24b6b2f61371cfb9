package dev.imgcls.data.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.imgcls.data.image.CropWindow;
import org.junit.jupiter.api.Test;

class CenterCropTest {
    @Test
    void referenceWindowForCommonSizes() {
        // 0.875 * 375 = 328.125 -> 328, offsets ((375 - 328 + 1) // 2, (500 - 328 + 1) // 2) = (24, 86).
        assertEquals(new CropWindow(86, 24, 328, 328), CenterCrop.window(375, 500, 224));
        // Portrait, odd: 0.875 * 333 = 291.375 -> 291; ((501 - 291 + 1) // 2, (333 - 291 + 1) // 2) = (105, 21).
        assertEquals(new CropWindow(21, 105, 291, 291), CenterCrop.window(501, 333, 224));
        // EfficientNet-B4 size 380: factor 380/412 in float32 times 600 -> 553.398 -> 553; (600 - 553 + 1) // 2 = 24.
        assertEquals(new CropWindow(24, 24, 553, 553), CenterCrop.window(600, 600, 380));
    }

    @Test
    void tinyImagesGetAtLeastOnePixelInsteadOfTfsInvalidCropWindow() {
        assertEquals(new CropWindow(0, 0, 1, 1), CenterCrop.window(1, 1, 224));
        assertEquals(new CropWindow(4, 0, 1, 1), CenterCrop.window(1, 9, 224));
        assertEquals(new CropWindow(1, 1, 1, 1), CenterCrop.window(2, 2, 224));
        assertEquals(new CropWindow(1, 1, 13, 13), CenterCrop.window(15, 15, 224));
    }

    @Test
    void smallPicturesWithAnotherPadding() {
        // A 28x28 picture at image_size 32. The reference's padding 32: factor 0.5, side 14, offsets (28 - 14 + 1) // 2 = 7.
        assertEquals(new CropWindow(7, 7, 14, 14), CenterCrop.window(28, 28, 32));
        assertEquals(new CropWindow(7, 7, 14, 14), CenterCrop.window(28, 28, 32, 32));
        // Padding 0: factor 1, the whole picture.
        assertEquals(new CropWindow(0, 0, 28, 28), CenterCrop.window(28, 28, 32, 0));
        // Padding 4: factor float32(32/36) = 0.8888889, times 28 = 24.89 -> 24; offsets (28 - 24 + 1) // 2 = 2.
        assertEquals(new CropWindow(2, 2, 24, 24), CenterCrop.window(28, 28, 32, 4));
        // Padding 8: factor float32(0.8) = 0.80000001, times 28 = 22.4 -> 22; offsets (28 - 22 + 1) // 2 = 3.
        assertEquals(new CropWindow(3, 3, 22, 22), CenterCrop.window(28, 28, 32, 8));
        // Padding 0 on a 28-tall, 20-wide picture: the largest centred square, 20, at y = (28 - 20 + 1) // 2 = 4.
        assertEquals(new CropWindow(0, 4, 20, 20), CenterCrop.window(28, 20, 32, 0));
    }

    @Test
    void badSizesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> CenterCrop.window(0, 10, 224));
        assertThrows(IllegalArgumentException.class, () -> CenterCrop.window(10, 10, 0));
        assertThrows(IllegalArgumentException.class, () -> CenterCrop.window(10, 10, 32, -1));
    }
}

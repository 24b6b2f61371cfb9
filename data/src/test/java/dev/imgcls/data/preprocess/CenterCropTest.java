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
    void badSizesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> CenterCrop.window(0, 10, 224));
        assertThrows(IllegalArgumentException.class, () -> CenterCrop.window(10, 10, 0));
    }
}

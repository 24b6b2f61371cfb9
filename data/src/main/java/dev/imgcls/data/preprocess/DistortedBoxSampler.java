package dev.imgcls.data.preprocess;

import dev.imgcls.data.image.CropWindow;
import dev.imgcls.tensor.Generator;

/**
 * TF's {@code sample_distorted_bounding_box} (sample_distorted_bounding_box_op.cc) for the
 * reference's single whole-image box: up to {@code maxAttempts} times, draw an aspect ratio, then a
 * height between the ones giving the minimum and maximum area, then an offset; accept the first crop
 * covering at least {@code minObjectCovered} of the image. If none is accepted the whole image is
 * returned (TF's fallback). The float32/double arithmetic and rounding follow TF's code line by
 * line; the random numbers come from our seeded {@link Generator} (so the crops are reproducible,
 * though not the same draws as TF's Philox stream).
 */
public final class DistortedBoxSampler {
    private final float minObjectCovered;
    private final float minAspect;
    private final float maxAspect;
    private final float minArea;
    private final float maxArea;
    private final int maxAttempts;

    public DistortedBoxSampler(float minObjectCovered, float minAspect, float maxAspect, float minArea, float maxArea,
            int maxAttempts) {
        if (!(minObjectCovered >= 0) || !(minAspect > 0) || !(maxAspect >= minAspect) || !(minArea > 0)
                || !(maxArea >= minArea) || maxArea > 1 || maxAttempts <= 0) {
            throw new IllegalArgumentException("invalid sampling parameters: min_object_covered=" + minObjectCovered
                    + " aspect_ratio_range=(" + minAspect + ", " + maxAspect + ") area_range=(" + minArea + ", "
                    + maxArea + ") max_attempts=" + maxAttempts);
        }
        this.minObjectCovered = minObjectCovered;
        this.minAspect = minAspect;
        this.maxAspect = maxAspect;
        this.minArea = minArea;
        this.maxArea = maxArea;
        this.maxAttempts = maxAttempts;
    }

    /** The reference's parameters: 0.1 covered, aspect 3/4..4/3, area 0.08..1.0, 10 attempts. */
    public static DistortedBoxSampler reference() {
        return withMinArea(0.08f);
    }

    /** The reference's parameters with the area range {@code minArea..1.0} ({@link CropSettings#minCropArea()}). */
    public static DistortedBoxSampler withMinArea(float minArea) {
        return new DistortedBoxSampler(0.1f, 3f / 4f, 4f / 3f, minArea, 1.0f, 10);
    }

    /** A crop of a {@code height x width} image; the whole image when no attempt satisfied the constraints. */
    public CropWindow sample(int height, int width, Generator random) {
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + height + "x" + width);
        }
        for (int attempt = 0; attempt < maxAttempts; attempt++) {
            float aspect = random.nextFloat() * (maxAspect - minAspect) + minAspect;
            CropWindow crop = randomCrop(width, height, aspect, random);
            if (crop != null && coversEnough(crop, width, height)) {
                return crop;
            }
        }
        return CropWindow.full(width, height);
    }

    private CropWindow randomCrop(int originalWidth, int originalHeight, float aspect, Generator random) {
        float minAreaPx = minArea * originalWidth * originalHeight;
        float maxAreaPx = maxArea * originalWidth * originalHeight;
        int height = lrintf(sqrtf(minAreaPx / aspect));
        int maxHeight = lrintf(sqrtf(maxAreaPx / aspect));
        if (lrintf(maxHeight * aspect) > originalWidth) {
            // The largest height whose rounded width still fits (TF's kEps guard, in double).
            final float eps = 0.0000001f;
            maxHeight = (int) ((originalWidth + 0.5 - eps) / aspect);
            if (lrintf(maxHeight * aspect) > originalWidth) {
                maxHeight -= 1;
            }
        }
        if (maxHeight > originalHeight) {
            maxHeight = originalHeight;
        }
        if (height >= maxHeight) {
            height = maxHeight;
        }
        if (height < maxHeight) {
            height += uniform(random, maxHeight - height + 1);
        }
        int width = lrintf(height * aspect);
        float area = (float) (width * height);
        if (area < minAreaPx) {
            height += 1;
            width = lrintf(height * aspect);
            area = width * height;
        }
        if (area > maxAreaPx) {
            height -= 1;
            width = lrintf(height * aspect);
            area = width * height;
        }
        if (area < minAreaPx || area > maxAreaPx || width > originalWidth || height > originalHeight
                || width <= 0 || height <= 0) {
            return null;
        }
        int y = height < originalHeight ? uniform(random, originalHeight - height) : 0;
        int x = width < originalWidth ? uniform(random, originalWidth - width) : 0;
        return new CropWindow(x, y, width, height);
    }

    /** TF's SatisfiesOverlapConstraints against the whole-image box. */
    private boolean coversEnough(CropWindow crop, int width, int height) {
        float cropArea = (float) (crop.width() * crop.height());
        if (cropArea < 1.0f) {
            return false;
        }
        float imageArea = (float) (width * height);
        // The crop lies inside the image, so its intersection with the image box is itself.
        return cropArea / imageArea >= minObjectCovered;
    }

    private static int lrintf(float v) {
        return (int) Math.rint(v);
    }

    private static float sqrtf(float v) {
        return (float) Math.sqrt(v);
    }

    /** Uniform in [0, n), unbiased (rejection), like TF's SimplePhilox::Uniform. */
    static int uniform(Generator random, int n) {
        long range = 1L << 32;
        long limit = range - range % n;
        while (true) {
            long u = Integer.toUnsignedLong(random.nextInt());
            if (u < limit) {
                return (int) (u % n);
            }
        }
    }
}

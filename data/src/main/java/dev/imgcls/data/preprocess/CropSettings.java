package dev.imgcls.data.preprocess;

/**
 * The two crop choices of the reference preprocessing that suit 224-pixel photos but not pictures
 * about the size of {@code image_size} or smaller; {@link #REFERENCE} is the reference's.
 *
 * @param evalCropPadding the 32 of the evaluation crop's {@code image_size / (image_size + 32)}
 *        ({@link CenterCrop}); 0 keeps the largest centred square, the whole of a square picture
 * @param minCropArea the least fraction of the picture a training crop covers
 *        ({@link DistortedBoxSampler}'s area range is {@code [minCropArea, 1]}); 1 turns random
 *        crops off (training then sees the evaluation crop, flipped half the time)
 */
public record CropSettings(int evalCropPadding, float minCropArea) {
    /** The reference's CROP_PADDING of 32 and area range starting at 0.08. */
    public static final CropSettings REFERENCE = new CropSettings(CenterCrop.CROP_PADDING, 0.08f);

    public CropSettings {
        if (evalCropPadding < 0) {
            throw new IllegalArgumentException("the evaluation crop padding must be >= 0, got " + evalCropPadding);
        }
        if (!(minCropArea > 0 && minCropArea <= 1)) {
            throw new IllegalArgumentException("the minimum crop area must be in (0, 1], got " + minCropArea);
        }
    }

    /** The training crop sampler: the reference's, with this area range. */
    public DistortedBoxSampler sampler() {
        return DistortedBoxSampler.withMinArea(minCropArea);
    }
}

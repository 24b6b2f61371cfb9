package dev.imgcls.data.pipeline;

/**
 * How many batches one evaluation runs, as the reference computes it: {@code eval_steps =
 * num_eval_images // eval_batch_size}, with full batches only ({@code drop_remainder=True}), so up
 * to {@code batch_size - 1} of the requested images are never evaluated, and every evaluation sees
 * the same first {@code eval_steps * batch_size} images in file order. {@code num_eval_images = 0}
 * means all records. Unlike the reference, asking for more images than there are is an error before
 * training starts, not a failure in the middle of the first evaluation.
 */
public final class EvalSize {

    private EvalSize() {}

    /**
     * @param numEvalImages {@code --num_eval_images}, 0 for all
     * @param availableRecords records in the validation files ({@link InputPipeline#countRecords})
     * @return the number of evaluation batches, at least 1
     */
    public static long batches(long numEvalImages, int batchSize, long availableRecords) {
        if (numEvalImages < 0) {
            throw new IllegalArgumentException("num_eval_images must be 0 (all) or positive, got " + numEvalImages);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("eval batch size must be at least 1, got " + batchSize);
        }
        if (numEvalImages > availableRecords) {
            throw new IllegalArgumentException("num_eval_images=" + numEvalImages + " but the validation data holds only "
                    + availableRecords + " records; lower --num_eval_images, or pass 0 to evaluate on all of them");
        }
        long images = numEvalImages == 0 ? availableRecords : numEvalImages;
        long batches = images / batchSize;
        if (batches == 0) {
            throw new IllegalArgumentException("evaluation would use no images: "
                    + (numEvalImages == 0 ? "the validation data holds " + availableRecords + " records" : "num_eval_images=" + numEvalImages)
                    + ", fewer than one batch of " + batchSize + " (only full batches are evaluated, as in the reference)");
        }
        return batches;
    }
}

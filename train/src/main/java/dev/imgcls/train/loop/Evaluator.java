package dev.imgcls.train.loop;

import dev.imgcls.data.pipeline.Batch;
import dev.imgcls.nn.Mode;
import dev.imgcls.nn.Model;
import dev.imgcls.tensor.Autograd;
import dev.imgcls.tensor.Device;
import dev.imgcls.tensor.MemoryScope;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.train.events.TrainingEvents;
import dev.imgcls.train.metrics.MetricsSnapshot;
import dev.imgcls.train.optim.TrainingLoss;
import dev.imgcls.train.report.EvaluationTally;
import dev.imgcls.train.report.Thumbnail;
import dev.imgcls.train.report.WorstExample;

import java.io.IOException;
import java.util.Map;

/**
 * One evaluation: the model in {@link Mode#EVAL} (moving batch-norm statistics, no dropout) over
 * the same validation images every time, under no-grad. Metrics as the reference's
 * {@code metric_fn}: {@code top_1_accuracy} ({@code argmax == label}), {@code top_5_accuracy}
 * ({@code in_top_k(…, 5)}) and {@code loss}, the training objective (label-smoothed cross-entropy
 * plus weight decay, as the Estimator's eval loss is the model function's loss), each averaged over
 * the images. On a GPU each batch is copied there and the logits and loss come back for the metrics.
 * The same pass fills an {@link EvaluationTally} for the per-class report; its confusion matrix is
 * summed over the ranks as the counts are (every rank tallies, so all make the same calls).
 */
final class Evaluator {
    private static final int TOP_K = 5;

    private final EvaluationData data;
    private final double labelSmoothing;
    private final double weightDecay;
    private final DataParallel parallel;

    /** @param parallel sums the ranks' counts, so each evaluates its slice of every batch and all agree on the metrics */
    Evaluator(EvaluationData data, double labelSmoothing, double weightDecay, DataParallel parallel) {
        this.parallel = parallel;
        this.data = data;
        this.labelSmoothing = labelSmoothing;
        this.weightDecay = weightDecay;
    }

    /** See {@link EvaluationData#skippedSummary()}. */
    String skippedSummary() {
        return data.skippedSummary();
    }

    /** An evaluation whose per-class tally is not wanted (a worker rank's: the chief writes the report). */
    MetricsSnapshot evaluate(Model model, long globalStep) throws IOException {
        return evaluate(model, globalStep, new EvaluationTally(model.numClasses(), 0));
    }

    /** An evaluation that also fills {@code tally} (of {@code model.numClasses()} classes). */
    @SuppressWarnings("try") // the scopes work by being open
    MetricsSnapshot evaluate(Model model, long globalStep, EvaluationTally tally) throws IOException {
        long[] images = {0};
        long[] top1 = {0};
        long[] top5 = {0};
        double[] lossSum = {0};
        Device device = model.device();
        try (Autograd.Scope noGrad = Autograd.noGrad()) {
            data.forEach(batch -> {
                try (MemoryScope scope = MemoryScope.open()) {
                    Tensor logits = model.forward(batch.images().toDevice(device), Mode.EVAL);
                    TrainingLoss loss = TrainingLoss.compute(logits, batch.labels().toDevice(device), labelSmoothing, weightDecay,
                            model.variables());
                    float[] values = logits.toFloatArray();
                    int[] labels = batch.labels().toIntArray(); // the host batch: nothing to copy back
                    int n = labels.length;
                    top1[0] += TopK.argmaxHits(values, labels, model.numClasses());
                    top5[0] += TopK.hits(values, labels, model.numClasses(), TOP_K);
                    lossSum[0] += loss.total().item() * n;
                    images[0] += n;
                    tallyBatch(tally, values, labels, batch);
                }
            });
        }
        if (parallel.distributed()) {
            long[] counts = {images[0], top1[0], top5[0]};
            parallel.sumCounts(counts);
            images[0] = counts[0];
            top1[0] = counts[1];
            top5[0] = counts[2];
            lossSum[0] = parallel.sum(lossSum[0]);
        }
        parallel.sumCounts(tally.confusion().counts());
        if (images[0] == 0) {
            throw new IllegalStateException("the evaluation read no validation images");
        }
        double n = images[0];
        return new MetricsSnapshot(globalStep, Map.of(
                TrainingEvents.TOP_1_ACCURACY, top1[0] / n,
                TrainingEvents.TOP_5_ACCURACY, top5[0] / n,
                TrainingEvents.LOSS, lossSum[0] / n));
    }

    /** Adds a batch to the tally; the images are read back from the host batch only if a mistake's picture is kept. */
    private static void tallyBatch(EvaluationTally tally, float[] logits, int[] labels, Batch batch) {
        int size = batch.images().dim(1);
        float[][] pixels = {null};
        tally.add(logits, labels, row -> {
            if (pixels[0] == null) {
                pixels[0] = batch.images().toFloatArray();
            }
            return Thumbnail.of(pixels[0], row * size * size * 3, size);
        }, row -> row < batch.locations().size() ? WorstExample.source(batch.locations().get(row)) : "");
    }
}

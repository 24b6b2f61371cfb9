package dev.imgcls.train.report;

import java.util.function.IntFunction;

/**
 * What an evaluation streams into its report, batch by batch: the confusion matrix (prediction =
 * the first largest logit, as top-1 accuracy counts it), top-5 hits, and the most confident
 * mistakes with their pictures. Memory is the matrix plus {@code worstKept} thumbnails.
 */
public final class EvaluationTally {
    private static final int TOP_K = 5;

    private final ConfusionMatrix confusion;
    private final WorstExamples worst;
    private long topKHits;

    public EvaluationTally(int classes, int worstKept) {
        this.confusion = new ConfusionMatrix(classes);
        this.worst = new WorstExamples(worstKept);
    }

    /**
     * Adds one batch.
     *
     * @param logits     {@code [labels.length, classes]}, row-major
     * @param thumbnails row → the picture of that image; called only for mistakes that are kept
     * @param sources    row → where the image came from ("" when unknown)
     */
    public void add(float[] logits, int[] labels, IntFunction<Thumbnail> thumbnails, IntFunction<String> sources) {
        int classes = confusion.classes();
        if (logits.length != labels.length * classes) {
            throw new IllegalArgumentException(logits.length + " logits for " + labels.length + " labels of " + classes + " classes");
        }
        for (int row = 0; row < labels.length; row++) {
            int base = row * classes;
            int best = LogitRanks.argmax(logits, base, classes);
            int actual = labels[row];
            confusion.add(actual, best);
            if (LogitRanks.inTopK(logits, base, classes, actual, TOP_K)) {
                topKHits++;
            }
            if (best != actual) {
                double confidence = probability(logits, base, classes, best);
                if (Double.isFinite(confidence)) {
                    int r = row;
                    worst.offer(actual, best, confidence, probability(logits, base, classes, actual), sources.apply(r),
                            () -> thumbnails.apply(r));
                }
            }
        }
    }

    public ConfusionMatrix confusion() {
        return confusion;
    }

    public WorstExamples worst() {
        return worst;
    }

    /** Images whose label is among the 5 largest logits (ties count for the label), as TensorFlow's {@code in_top_k}. */
    public long topKHits() {
        return topKHits;
    }

    /** The softmax of the row at {@code c}, computed in double with the row maximum subtracted. */
    private static double probability(float[] logits, int base, int classes, int c) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < classes; i++) {
            max = Math.max(max, logits[base + i]);
        }
        double sum = 0;
        for (int i = 0; i < classes; i++) {
            sum += Math.exp(logits[base + i] - max);
        }
        return Math.exp(logits[base + c] - max) / sum;
    }
}

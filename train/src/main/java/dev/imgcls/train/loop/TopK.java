package dev.imgcls.train.loop;

import dev.imgcls.train.report.LogitRanks;

/**
 * Top-k hits as TensorFlow's {@code in_top_k}: the target is in the top k when fewer than k
 * classes have a strictly larger logit (ties count for the target), and never when its logit is
 * not finite. With fewer than k classes every finite target is a hit, so top-5 of a 3-class problem
 * is 1.0, as in the reference.
 */
final class TopK {
    private TopK() {
    }

    /** How many rows have their label as the first largest logit ({@code argmax(logits) == label}). */
    static int argmaxHits(float[] logits, int[] labels, int classes) {
        int hits = 0;
        for (int row = 0; row < labels.length; row++) {
            if (LogitRanks.argmax(logits, row * classes, classes) == labels[row]) {
                hits++;
            }
        }
        return hits;
    }

    /** How many rows of {@code logits} ([rows, classes], row-major) have their label in the top k. */
    static int hits(float[] logits, int[] labels, int classes, int k) {
        int hits = 0;
        for (int row = 0; row < labels.length; row++) {
            if (LogitRanks.inTopK(logits, row * classes, classes, labels[row], k)) {
                hits++;
            }
        }
        return hits;
    }
}

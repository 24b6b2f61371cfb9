package dev.imgcls.train.report;

/**
 * Where a label stands in one row of logits, as TensorFlow ranks it: the predicted class is the
 * first largest logit, and a target is in the top k when fewer than k classes have a strictly
 * larger logit (ties count for the target; never when its logit is not finite, as
 * {@code in_top_k}). Shared by the evaluation's accuracy and its per-class report.
 */
public final class LogitRanks {
    private LogitRanks() {
    }

    /** The first index of the largest of {@code logits[base, base + classes)}. */
    public static int argmax(float[] logits, int base, int classes) {
        int best = 0;
        for (int c = 1; c < classes; c++) {
            if (logits[base + c] > logits[base + best]) {
                best = c;
            }
        }
        return best;
    }

    /** Whether class {@code target} of the row at {@code base} is in its top {@code k}. */
    public static boolean inTopK(float[] logits, int base, int classes, int target, int k) {
        float value = logits[base + target];
        if (!Float.isFinite(value)) {
            return false;
        }
        int larger = 0;
        for (int c = 0; c < classes && larger < k; c++) {
            if (logits[base + c] > value) {
                larger++;
            }
        }
        return larger < k;
    }
}

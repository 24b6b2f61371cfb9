package dev.imgcls.train.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Counts of (actual class, predicted class) pairs over an evaluation: row = actual, column =
 * predicted, so the diagonal holds the right answers. The counts live in one row-major array that
 * a distributed evaluation sums over its ranks in place ({@link #counts()}).
 */
public final class ConfusionMatrix {
    private final int classes;
    private final long[] counts;

    public ConfusionMatrix(int classes) {
        if (classes < 1) {
            throw new IllegalArgumentException("a confusion matrix needs at least one class, got " + classes);
        }
        this.classes = classes;
        this.counts = new long[Math.multiplyExact(classes, classes)];
    }

    /** One pair of a most-confused list: {@code count} images of {@code actual} predicted as {@code predicted}. */
    public record Confusion(int actual, int predicted, long count) {
    }

    public int classes() {
        return classes;
    }

    /** Counts one image of class {@code actual} predicted as {@code predicted}. */
    public void add(int actual, int predicted) {
        counts[index(actual, predicted)]++;
    }

    public long count(int actual, int predicted) {
        return counts[index(actual, predicted)];
    }

    /** The live row-major counts, {@code [actual * classes + predicted]}: summed in place over the ranks of a distributed job. */
    public long[] counts() {
        return counts;
    }

    /** Images of class {@code c} (its support): the row sum. */
    public long actual(int c) {
        long sum = 0;
        for (int p = 0; p < classes; p++) {
            sum += counts[index(c, p)];
        }
        return sum;
    }

    /** Images predicted as class {@code c}: the column sum. */
    public long predicted(int c) {
        long sum = 0;
        for (int a = 0; a < classes; a++) {
            sum += counts[index(a, c)];
        }
        return sum;
    }

    public long total() {
        long sum = 0;
        for (long c : counts) {
            sum += c;
        }
        return sum;
    }

    /** Images on the diagonal: predicted as their own class. */
    public long correct() {
        long sum = 0;
        for (int c = 0; c < classes; c++) {
            sum += counts[index(c, c)];
        }
        return sum;
    }

    /** The largest count of any cell, 0 for an empty matrix. */
    public long maxCount() {
        long max = 0;
        for (long c : counts) {
            max = Math.max(max, c);
        }
        return max;
    }

    /** The {@code n} largest off-diagonal counts (none of 0), largest first; ties by actual, then predicted class. */
    public List<Confusion> mostConfused(int n) {
        List<Confusion> all = new ArrayList<>();
        for (int a = 0; a < classes; a++) {
            for (int p = 0; p < classes; p++) {
                long c = counts[index(a, p)];
                if (a != p && c > 0) {
                    all.add(new Confusion(a, p, c));
                }
            }
        }
        all.sort(Comparator.comparingLong(Confusion::count).reversed().thenComparingInt(Confusion::actual)
                .thenComparingInt(Confusion::predicted));
        return List.copyOf(all.subList(0, Math.min(n, all.size())));
    }

    private int index(int actual, int predicted) {
        if (actual < 0 || actual >= classes || predicted < 0 || predicted >= classes) {
            throw new IndexOutOfBoundsException("class pair (" + actual + ", " + predicted + ") outside 0.." + (classes - 1));
        }
        return actual * classes + predicted;
    }
}

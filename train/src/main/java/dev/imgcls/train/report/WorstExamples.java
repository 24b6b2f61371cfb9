package dev.imgcls.train.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Supplier;

/**
 * The {@code capacity} most confident mistakes seen while streaming an evaluation. Memory stays
 * bounded: a mistake's thumbnail is encoded only when it enters the kept set, and the least
 * confident kept one is dropped to make room. Of equal confidences the earlier image is kept, so the
 * result does not depend on anything but the evaluation order.
 */
public final class WorstExamples {
    private record Entry(WorstExample example, long order) {
    }

    /** Least confident (and, among equals, latest) first: the one to drop. */
    private static final Comparator<Entry> DROP_FIRST = Comparator.<Entry>comparingDouble(e -> e.example().confidence())
            .thenComparing(Comparator.comparingLong(Entry::order).reversed());

    private final int capacity;
    private final PriorityQueue<Entry> kept = new PriorityQueue<>(DROP_FIRST);
    private long offered;

    public WorstExamples(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be at least 0, got " + capacity);
        }
        this.capacity = capacity;
    }

    /** Considers one mistake; {@code thumbnail} is called only if it is kept. */
    public void offer(int actual, int predicted, double confidence, double actualProbability, String source, Supplier<Thumbnail> thumbnail) {
        long order = offered++;
        if (capacity == 0) {
            return;
        }
        if (kept.size() == capacity) {
            Entry weakest = kept.peek();
            if (confidence <= weakest.example().confidence()) {
                return; // not more confident than the least confident kept, and later: the kept one stays
            }
            kept.poll();
        }
        kept.add(new Entry(new WorstExample(actual, predicted, confidence, actualProbability, source, thumbnail.get()), order));
    }

    /** The kept mistakes, most confident first. */
    public List<WorstExample> worstFirst() {
        List<Entry> entries = new ArrayList<>(kept);
        entries.sort(DROP_FIRST.reversed());
        return entries.stream().map(Entry::example).toList();
    }

    public int capacity() {
        return capacity;
    }
}

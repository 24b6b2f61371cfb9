package dev.imgcls.data.pipeline;

import dev.imgcls.data.tfrecord.RecordLocation;

/**
 * Checks stored labels against {@code --num_classes} and {@code --label_base} and turns them into
 * 0-based class indices. TF1 would silently train on an all-zero one-hot for an out-of-range label
 * (seed-spec §1.4); we fail instead, naming the record and, when the value fits the other
 * convention, the flag that fixes it.
 */
public final class LabelRange {

    private final int numClasses;
    private final LabelBase base;

    public LabelRange(int numClasses, LabelBase base) {
        if (numClasses < 1) {
            throw new IllegalArgumentException("num_classes must be at least 1, got " + numClasses);
        }
        this.numClasses = numClasses;
        this.base = base;
    }

    public int numClasses() {
        return numClasses;
    }

    public LabelBase base() {
        return base;
    }

    public long minLabel() {
        return base.offset();
    }

    public long maxLabel() {
        return (long) numClasses - 1 + base.offset();
    }

    /** The class index (label − base) of a stored label, or an error naming the record. */
    public int classIndex(long label, RecordLocation location) throws LabelOutOfRangeException {
        if (label < minLabel() || label > maxLabel()) {
            throw new LabelOutOfRangeException(location, label, location + ": " + describeProblem(label));
        }
        return (int) (label - base.offset());
    }

    /** "label 5 is outside [0, 4] ..." with the hint about the other convention. */
    String describeProblem(long label) {
        LabelRange other = new LabelRange(numClasses, base.other());
        String problem = "label " + label + " is outside " + rangeText() + ", the range for --num_classes=" + numClasses
                + " with " + conventionText() + " (" + base.flag() + ")";
        if (base == LabelBase.ZERO && label == numClasses) {
            return problem + "; labels look 1-based: pass " + LabelBase.ONE.flag() + " (labels " + other.rangeText() + ")";
        }
        if (base == LabelBase.ONE && label == 0) {
            return problem + "; labels look 0-based: pass " + LabelBase.ZERO.flag() + " (labels " + other.rangeText() + ")";
        }
        return problem + "; check --num_classes, and " + other.base.flag() + " if the data uses " + other.conventionText()
                + " (labels " + other.rangeText() + ")";
    }

    /** E.g. {@code [0, 4]}. */
    public String rangeText() {
        return "[" + minLabel() + ", " + maxLabel() + "]";
    }

    private String conventionText() {
        return base == LabelBase.ZERO ? "0-based labels" : "1-based labels";
    }
}

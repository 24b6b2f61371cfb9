package dev.imgcls.data.pipeline;

import dev.imgcls.data.tfrecord.RecordLocation;

/**
 * Checks stored labels against {@code --num_classes} and {@code --label_base} and turns them into
 * 0-based class indices. TF1 would silently train on an all-zero one-hot for an out-of-range label
 * (seed-spec §1.4); we fail instead, naming the record and the flags that fix it: a larger
 * {@code --num_classes} for a label above the range, and the other label convention where the
 * label fits it.
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

    /**
     * "label 7 is outside [0, 4] ...; raise --num_classes to at least 8", with the other label
     * convention only where the label fits it (0 with 1-based labels, num_classes with 0-based).
     */
    String describeProblem(long label) {
        LabelRange other = new LabelRange(numClasses, base.other());
        String problem = "label " + label + " is outside " + rangeText() + ", the range for --num_classes=" + numClasses
                + " with " + conventionText() + " (" + base.flag() + ")";
        String otherConvention = base.other().flag() + " if the labels start at " + other.minLabel() + " (labels " + other.rangeText() + ")";
        if (label > maxLabel()) {
            String raise = problem + "; raise --num_classes to at least " + (label + 1 - base.offset()) + " if the data has that many classes";
            return other.contains(label) ? raise + ", or pass " + otherConvention : raise;
        }
        if (other.contains(label)) {
            return problem + "; pass " + otherConvention;
        }
        return problem + "; a label below " + minLabel() + " is no class: check how the TFRecords were written";
    }

    private boolean contains(long label) {
        return label >= minLabel() && label <= maxLabel();
    }

    /** E.g. {@code [0, 4]}. */
    public String rangeText() {
        return "[" + minLabel() + ", " + maxLabel() + "]";
    }

    private String conventionText() {
        return base == LabelBase.ZERO ? "0-based labels" : "1-based labels";
    }
}

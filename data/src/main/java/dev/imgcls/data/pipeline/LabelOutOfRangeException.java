package dev.imgcls.data.pipeline;

import dev.imgcls.data.tfrecord.RecordException;
import dev.imgcls.data.tfrecord.RecordLocation;

/** A record whose {@code image/class/label} is not a class of this training run. */
public final class LabelOutOfRangeException extends RecordException {

    private final long label;

    public LabelOutOfRangeException(RecordLocation location, long label, String message) {
        super(location, message);
        this.label = label;
    }

    /** The label as stored in the record. */
    public long label() {
        return label;
    }
}

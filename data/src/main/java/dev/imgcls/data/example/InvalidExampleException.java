package dev.imgcls.data.example;

import dev.imgcls.data.tfrecord.RecordException;
import dev.imgcls.data.tfrecord.RecordLocation;

/** A record whose framing is intact but whose content is not the tf.Example the trainer needs. */
public final class InvalidExampleException extends RecordException {

    public InvalidExampleException(RecordLocation location, String problem) {
        super(location, location + ": " + problem);
    }

    public InvalidExampleException(RecordLocation location, String problem, Throwable cause) {
        super(location, location + ": " + problem, cause);
    }
}

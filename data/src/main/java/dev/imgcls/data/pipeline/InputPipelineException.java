package dev.imgcls.data.pipeline;

import dev.imgcls.data.tfrecord.RecordException;
import dev.imgcls.data.tfrecord.RecordLocation;

import java.io.IOException;

/**
 * The reason an input pipeline stopped, thrown in the consumer's thread. The cause, when there is
 * one, is the original error from the reader or worker thread (a {@link RecordException} naming the
 * file and record for data errors); the message repeats it so that logs show it on one line.
 */
public final class InputPipelineException extends IOException {

    private final RecordLocation location;

    public InputPipelineException(String message, Throwable cause) {
        super(message, cause);
        this.location = cause instanceof RecordException r ? r.location() : null;
    }

    /** The record at fault, or {@code null} when the problem is not one record's (e.g. too few images). */
    public RecordLocation location() {
        return location;
    }

    /** Whether it stopped at an image that does not decode: the one failure the skip option passes over. */
    public boolean undecodableImage() {
        return getCause() != null && getCause().getCause() instanceof UndecodableImageException;
    }
}

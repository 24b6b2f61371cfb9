package dev.imgcls.data.tfrecord;

import java.io.IOException;

/** A record that cannot be used; the message and {@link #location()} say which one and why. */
public class RecordException extends IOException {

    private final RecordLocation location;

    public RecordException(RecordLocation location, String message) {
        super(message);
        this.location = location;
    }

    public RecordException(RecordLocation location, String message, Throwable cause) {
        super(message, cause);
        this.location = location;
    }

    public RecordLocation location() {
        return location;
    }
}

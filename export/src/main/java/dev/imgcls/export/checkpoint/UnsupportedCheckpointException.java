package dev.imgcls.export.checkpoint;

import java.io.IOException;

/**
 * A well-formed checkpoint that uses something this implementation does not read (a partitioned
 * variable, big-endian data, a V1 checkpoint, a dtype such as DT_VARIANT). The message says what
 * to do about it.
 */
public class UnsupportedCheckpointException extends IOException {

    public UnsupportedCheckpointException(String message) {
        super(message);
    }
}

package dev.imgcls.export.checkpoint;

import java.io.IOException;

/**
 * A checkpoint file that is corrupt or truncated: a bad checksum, a bad footer, a block or value
 * that does not parse. The message names the file and, where there is one, the variable.
 */
public class CheckpointFormatException extends IOException {

    public CheckpointFormatException(String message) {
        super(message);
    }

    public CheckpointFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}

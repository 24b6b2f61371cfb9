package dev.imgcls.dist;

/** A collective operation failed: a rank died, timed out or the engine reported an error (named in the message). */
public class CollectiveException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CollectiveException(String message) {
        super(message);
    }

    public CollectiveException(String message, Throwable cause) {
        super(message, cause);
    }
}

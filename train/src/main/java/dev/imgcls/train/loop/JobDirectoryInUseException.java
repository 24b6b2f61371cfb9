package dev.imgcls.train.loop;

/** Another trainer holds the job directory's lock; the message says which and what to do. */
public final class JobDirectoryInUseException extends RuntimeException {
    public JobDirectoryInUseException(String message) {
        super(message);
    }
}

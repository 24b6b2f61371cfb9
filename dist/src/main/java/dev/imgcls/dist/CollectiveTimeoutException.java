package dev.imgcls.dist;

/** A collective operation did not complete within the job's timeout: a rank stopped calling, or the network is down. */
public class CollectiveTimeoutException extends CollectiveException {
    private static final long serialVersionUID = 1L;

    public CollectiveTimeoutException(String message) {
        super(message);
    }
}

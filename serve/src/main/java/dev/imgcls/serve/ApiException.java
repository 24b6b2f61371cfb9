package dev.imgcls.serve;

/** A request the server refuses, with the HTTP status and the message of its {@code {"error": ...}} body. */
class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }
}

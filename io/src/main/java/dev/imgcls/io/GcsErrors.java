package dev.imgcls.io;

import com.google.cloud.storage.StorageException;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/** Turns the client's unchecked errors (already retried where transient) into IOExceptions naming the path. */
final class GcsErrors {

    private GcsErrors() {}

    static IOException toIOException(String action, String path, StorageException e) {
        return switch (e.getCode()) {
            case 404 -> withCause(new NoSuchFileException(path, null, "not found (" + e.getMessage() + ")"), e);
            case 401, 403 -> withCause(new AccessDeniedException(path, null, "cannot " + action + ": " + e.getMessage()
                    + ". Without credentials only public buckets can be read; set GOOGLE_APPLICATION_CREDENTIALS"
                    + " or run 'gcloud auth application-default login'"), e);
            default -> new IOException("cannot " + action + " " + path + " on Cloud Storage (HTTP " + e.getCode() + "): "
                    + e.getMessage(), e);
        };
    }

    private static IOException withCause(IOException error, Throwable cause) {
        error.initCause(cause);
        return error;
    }
}

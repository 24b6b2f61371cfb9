package dev.imgcls.io;

import com.google.cloud.storage.StorageException;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** A download stream whose failures (the client throws unchecked ones) are IOExceptions naming the object. */
final class GcsInputStream extends FilterInputStream {

    private final String path;

    GcsInputStream(String path, InputStream in) {
        super(in);
        this.path = path;
    }

    @Override
    public int read() throws IOException {
        try {
            return super.read();
        } catch (StorageException e) {
            throw GcsErrors.toIOException("read", path, e);
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            return super.read(b, off, len);
        } catch (StorageException e) {
            throw GcsErrors.toIOException("read", path, e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            super.close();
        } catch (StorageException e) {
            throw GcsErrors.toIOException("close", path, e);
        }
    }
}

package dev.imgcls.io;

import com.google.cloud.WriteChannel;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Uploads an object that appears only when complete, which is how GCS works anyway: an object
 * exists once its upload is finalized, and replaces the old generation atomically. Small files are
 * kept in memory and sent in one request at commit; once a file outgrows
 * {@link GcsFileSystem.Options#oneShotUploadBytes()} it switches to a resumable upload, streamed in
 * chunks as it is written and finalized at commit. Discarding simply never finalizes: an
 * unfinished resumable session creates no object and expires on the server.
 */
final class GcsAtomicOutputStream extends AtomicOutputStream {

    private final Storage storage;
    private final BlobInfo info;
    private final GcsFileSystem.Options options;
    private ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private WriteChannel upload;

    GcsAtomicOutputStream(Storage storage, GcsPath path, GcsFileSystem.Options options) {
        super(path.toString());
        this.storage = storage;
        this.info = BlobInfo.newBuilder(BlobId.of(path.bucket(), path.object())).setContentType("application/octet-stream").build();
        this.options = options;
    }

    @Override
    protected void writeBytes(byte[] bytes, int offset, int length) throws IOException {
        if (upload == null && pending.size() + (long) length <= options.oneShotUploadBytes()) {
            pending.write(bytes, offset, length);
            return;
        }
        try {
            if (upload == null) {
                upload = storage.writer(info);
                upload.setChunkSize(options.uploadChunkBytes());
                send(ByteBuffer.wrap(pending.toByteArray()));
                pending = null;
            }
            send(ByteBuffer.wrap(bytes, offset, length));
        } catch (StorageException e) {
            throw GcsErrors.toIOException("upload", path(), e);
        }
    }

    @Override
    protected void flushBytes() {
        // Data reaches GCS in whole chunks; there is nothing useful to push early.
    }

    @Override
    protected void publish() throws IOException {
        try {
            if (upload == null) {
                storage.create(info, pending.toByteArray());
                pending = null;
            } else {
                upload.close(); // sends the last chunk and finalizes the object
            }
        } catch (StorageException e) {
            throw GcsErrors.toIOException("upload", path(), e);
        }
    }

    @Override
    protected void discard() {
        pending = null;
        upload = null;
    }

    private void send(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            upload.write(buffer);
        }
    }
}

package dev.imgcls.train.events;

import dev.imgcls.io.AtomicOutputStream;
import dev.imgcls.io.FileSystem;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * A file on a store that cannot append (Cloud Storage): the whole file is uploaded again after
 * every record, which is what TF's own GCS file does on each flush. Event files of scalars stay
 * small (tens of bytes per value) and the trainer writes rarely, so this stays cheap.
 */
final class RewritingEventSink implements EventSink {
    private final FileSystem fs;
    private final String path;
    private final ByteArrayOutputStream content = new ByteArrayOutputStream();

    RewritingEventSink(FileSystem fs, String path) {
        this.fs = fs;
        this.path = path;
    }

    @Override
    public void append(byte[] framedRecord) throws IOException {
        content.write(framedRecord);
        try (AtomicOutputStream out = fs.create(path)) {
            content.writeTo(out);
            out.commit();
        }
    }

    @Override
    public void close() {
    }
}

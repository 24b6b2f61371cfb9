package dev.imgcls.export.checkpoint;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.CRC32C;

/** The data file being written: tracks the offset and the CRC-32C of the tensor being appended. */
final class DataOutput {

    private final OutputStream out;
    private final CRC32C crc = new CRC32C();
    private long position;

    DataOutput(OutputStream out) {
        this.out = out;
    }

    long position() {
        return position;
    }

    /** Starts a new tensor: its checksum covers only what is written from now on. */
    void startTensor() {
        crc.reset();
    }

    /** The plain (unmasked) CRC-32C of the current tensor's bytes so far. */
    int crc() {
        return (int) crc.getValue();
    }

    void write(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
        crc.update(bytes, offset, length);
        position += length;
    }

    void write(byte[] bytes) throws IOException {
        write(bytes, 0, bytes.length);
    }
}

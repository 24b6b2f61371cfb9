package dev.imgcls.train.events;

import dev.imgcls.io.Crc32c;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** TFRecord framing of one payload (tf-formats.md §1.1): length, masked CRC of it, payload, masked CRC of the payload. */
final class RecordFraming {
    private RecordFraming() {
    }

    static byte[] frame(byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(payload.length + 16).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(payload.length);
        b.putInt(Crc32c.maskedCrc(b.array(), 0, 8));
        b.put(payload);
        b.putInt(Crc32c.maskedCrc(payload, 0, payload.length));
        return b.array();
    }
}

package dev.imgcls.export.checkpoint;

import dev.imgcls.io.Crc32c;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * DT_STRING tensors as TensorFlow's bundle writer stores them (tf-formats.md §4.5):
 * {@code varint64 len[0..n) | fixed32 mask(crc of the lengths) | bytes[0] | ... | bytes[n-1]}.
 * The lengths checksum is taken over each length as a 4-byte little-endian integer (not over the
 * varints), and the entry checksum over those same 4-byte lengths, the stored masked lengths
 * checksum, and then the string bytes.
 */
final class StringCodec {

    private StringCodec() {}

    /** Appends the strings to the data file; returns the entry's (unmasked) checksum. */
    static int write(List<byte[]> elements, DataOutput out) throws IOException {
        ByteSink lengths = new ByteSink(elements.size() * 2 + 8);
        CRC32C crc = new CRC32C();
        for (byte[] e : elements) {
            lengths.writeVarint64(e.length);
            updateFixed32(crc, e.length);
        }
        int lengthsChecksum = Crc32c.mask((int) crc.getValue());
        lengths.writeFixed32(lengthsChecksum);
        updateFixed32(crc, lengthsChecksum);
        out.write(lengths.array(), 0, lengths.size());
        for (byte[] e : elements) {
            out.write(e);
            crc.update(e);
        }
        return (int) crc.getValue();
    }

    /**
     * The {@code count} strings stored in {@code data}, after checking the lengths checksum and the
     * entry checksum; {@code where} names the file and variable for error messages.
     */
    static List<byte[]> read(byte[] data, int count, int maskedEntryCrc, String where) throws CheckpointFormatException {
        ByteCursor in = new ByteCursor(data, 0, data.length, where);
        CRC32C crc = new CRC32C();
        int[] lengths = new int[count];
        for (int i = 0; i < count; i++) {
            long length = in.varint64("length of string element " + i);
            if (length < 0 || length > Integer.MAX_VALUE - 8) {
                throw in.corrupt("string element " + i + " claims " + Long.toUnsignedString(length) + " bytes");
            }
            lengths[i] = (int) length;
            updateFixed32(crc, lengths[i]);
        }
        int lengthsAt = in.skip(4, "lengths checksum");
        int storedLengthsChecksum = ByteCursor.fixed32(data, lengthsAt);
        int computedLengthsChecksum = Crc32c.mask((int) crc.getValue());
        if (storedLengthsChecksum != computedLengthsChecksum) {
            throw new CheckpointFormatException(where + ": checksum mismatch in the string lengths (stored 0x"
                    + Integer.toHexString(storedLengthsChecksum) + ", computed 0x" + Integer.toHexString(computedLengthsChecksum)
                    + "); the data file is corrupt");
        }
        updateFixed32(crc, storedLengthsChecksum);
        List<byte[]> elements = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int at = in.skip(lengths[i], "string element " + i);
            crc.update(data, at, lengths[i]);
            byte[] e = new byte[lengths[i]];
            System.arraycopy(data, at, e, 0, e.length);
            elements.add(e);
        }
        if (in.hasRemaining()) {
            throw in.corrupt((data.length - in.position()) + " bytes left over after " + count + " strings");
        }
        int computed = Crc32c.mask((int) crc.getValue());
        if (computed != maskedEntryCrc) {
            throw new CheckpointFormatException(where + ": checksum mismatch (stored crc32c 0x"
                    + Integer.toHexString(Crc32c.unmask(maskedEntryCrc)) + ", computed 0x"
                    + Integer.toHexString(Crc32c.unmask(computed)) + "); the data file is corrupt");
        }
        return elements;
    }

    private static void updateFixed32(CRC32C crc, int value) {
        crc.update(value & 0xFF);
        crc.update((value >>> 8) & 0xFF);
        crc.update((value >>> 16) & 0xFF);
        crc.update((value >>> 24) & 0xFF);
    }
}

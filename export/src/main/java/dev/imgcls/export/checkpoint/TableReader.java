package dev.imgcls.export.checkpoint;

import dev.imgcls.io.Crc32c;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads every entry of a sorted string table held in memory, checking the footer's magic number,
 * every block's checksum and the key order, so that a corrupt or truncated index is reported (with
 * the file and block) before any of it is used.
 */
final class TableReader {

    record Entry(byte[] key, byte[] value) {}

    private final byte[] file;
    private final String fileName;

    private TableReader(byte[] file, String fileName) {
        this.file = file;
        this.fileName = fileName;
    }

    /** All entries in key order. */
    static List<Entry> readAll(byte[] file, String fileName) throws CheckpointFormatException, UnsupportedCheckpointException {
        return new TableReader(file, fileName).readAll();
    }

    /** Number of data blocks (entries of the index block) of a table; for tests of the block layout. */
    static int indexEntryCount(byte[] file, String fileName) throws CheckpointFormatException, UnsupportedCheckpointException {
        TableReader reader = new TableReader(file, fileName);
        return reader.readBlock(reader.footerHandles()[1], file.length - TableFormat.FOOTER_SIZE, "index block").size();
    }

    private List<Entry> readAll() throws CheckpointFormatException, UnsupportedCheckpointException {
        int footerStart = file.length - TableFormat.FOOTER_SIZE;
        BlockHandle indexHandle = footerHandles()[1];
        List<Entry> index = readBlock(indexHandle, footerStart, "index block");
        List<Entry> entries = new ArrayList<>();
        byte[] previousSeparator = null;
        for (Entry indexEntry : index) {
            String where = "index entry " + BundleKeys.describe(indexEntry.key());
            ByteCursor handleBytes = new ByteCursor(indexEntry.value(), 0, indexEntry.value().length,
                    "checkpoint index " + fileName + ", " + where);
            BlockHandle handle = BlockHandle.decode(handleBytes, "data block handle");
            for (Entry e : readBlock(handle, footerStart, "data block")) {
                if (!entries.isEmpty() && Arrays.compareUnsigned(e.key(), entries.get(entries.size() - 1).key()) <= 0) {
                    throw new CheckpointFormatException("checkpoint index " + fileName + ": keys out of order at "
                            + BundleKeys.describe(e.key()) + " (data block at offset " + handle.offset() + ")");
                }
                if (Arrays.compareUnsigned(e.key(), indexEntry.key()) > 0
                        || (previousSeparator != null && Arrays.compareUnsigned(e.key(), previousSeparator) <= 0)) {
                    throw new CheckpointFormatException("checkpoint index " + fileName + ": key " + BundleKeys.describe(e.key())
                            + " lies outside the range its " + where + " gives for the data block at offset " + handle.offset());
                }
                entries.add(e);
            }
            previousSeparator = indexEntry.key();
        }
        return entries;
    }

    /** The metaindex and index block handles, after checking the file's length and magic number. */
    private BlockHandle[] footerHandles() throws CheckpointFormatException {
        if (file.length < TableFormat.FOOTER_SIZE) {
            throw new CheckpointFormatException("checkpoint index " + fileName + " is truncated: " + file.length
                    + " bytes, less than its 48-byte footer");
        }
        int footerStart = file.length - TableFormat.FOOTER_SIZE;
        long magic = ByteCursor.fixed64(file, file.length - 8);
        if (magic != TableFormat.MAGIC) {
            throw new CheckpointFormatException("checkpoint index " + fileName + " does not end with the table magic number "
                    + String.format("(found 0x%016x, expected 0x%016x)", magic, TableFormat.MAGIC)
                    + ": it is truncated, corrupt, or not a TensorFlow checkpoint index");
        }
        ByteCursor footer = new ByteCursor(file, footerStart, footerStart + TableFormat.FOOTER_HANDLES_SIZE,
                "checkpoint index " + fileName + ", footer");
        // TF ignores the metaindex block (always empty in bundles), and so do we.
        BlockHandle metaindex = BlockHandle.decode(footer, "metaindex handle");
        return new BlockHandle[] {metaindex, BlockHandle.decode(footer, "index handle")};

    }

    /** The entries of one block, after checking that it lies inside the file and matches its checksum. */
    private List<Entry> readBlock(BlockHandle handle, int footerStart, String kind)
            throws CheckpointFormatException, UnsupportedCheckpointException {
        String where = "checkpoint index " + fileName + ", " + kind + " at offset " + handle.offset() + " (" + handle.size() + " bytes)";
        if (handle.offset() > footerStart || handle.size() > footerStart
                || handle.offset() + handle.size() + TableFormat.BLOCK_TRAILER_SIZE > footerStart) {
            throw new CheckpointFormatException(where + ": runs past the end of the file (" + file.length
                    + " bytes); the file is truncated or corrupt");
        }
        int start = (int) handle.offset();
        int size = (int) handle.size();
        byte type = file[start + size];
        int stored = ByteCursor.fixed32(file, start + size + 1);
        int computed = TableFormat.blockChecksum(file, start, size, type);
        if (stored != computed) {
            throw new CheckpointFormatException(where + ": checksum mismatch (stored crc32c 0x"
                    + Integer.toHexString(Crc32c.unmask(stored)) + ", computed 0x" + Integer.toHexString(Crc32c.unmask(computed))
                    + "); the file is corrupt");
        }
        if (type == TableFormat.SNAPPY_COMPRESSION) {
            throw new UnsupportedCheckpointException(where + ": snappy-compressed checkpoint index blocks are not supported;"
                    + " re-save the checkpoint with TensorFlow's default (uncompressed) bundle writer");
        }
        if (type != TableFormat.NO_COMPRESSION) {
            throw new CheckpointFormatException(where + ": unknown block compression type " + (type & 0xFF));
        }
        return decodeBlock(start, size, where);
    }

    private List<Entry> decodeBlock(int start, int size, String where) throws CheckpointFormatException {
        if (size < 4) {
            throw new CheckpointFormatException(where + ": too small to hold its restart count");
        }
        long restarts = ByteCursor.fixed32(file, start + size - 4) & 0xFFFFFFFFL;
        long restartsStart = size - 4 - 4 * restarts;
        if (restarts == 0 || restartsStart < 0) {
            throw new CheckpointFormatException(where + ": bad restart count " + restarts);
        }
        ByteCursor in = new ByteCursor(file, start, start + (int) restartsStart, where);
        List<Entry> entries = new ArrayList<>();
        byte[] previous = new byte[0];
        while (in.hasRemaining()) {
            int shared = in.varint32("shared key length");
            int nonShared = in.varint32("key length");
            int valueLength = in.varint32("value length");
            if (shared > previous.length) {
                throw in.corrupt("entry shares " + shared + " bytes with a previous key of " + previous.length);
            }
            int keyAt = in.skip(nonShared, "key");
            int valueAt = in.skip(valueLength, "value");
            byte[] key = Arrays.copyOf(previous, shared + nonShared);
            System.arraycopy(file, keyAt, key, shared, nonShared);
            entries.add(new Entry(key, Arrays.copyOfRange(file, valueAt, valueAt + valueLength)));
            previous = key;
        }
        return entries;
    }
}

package dev.imgcls.export.checkpoint;

import java.util.Arrays;

/**
 * Writes an immutable sorted string table the way TensorFlow's table_builder.cc does, so that the
 * bytes equal TF's: data blocks flushed at {@link TableFormat#BLOCK_SIZE}, one index entry per data
 * block keyed by the shortest separator between its last key and the next block's first key, an
 * empty metaindex block, the index block, and the 48-byte footer. The whole table is built in
 * memory: a checkpoint index holds one small entry per variable.
 */
final class TableWriter {

    private final ByteSink file = new ByteSink(8192);
    private final BlockBuilder dataBlock = new BlockBuilder(TableFormat.DATA_RESTART_INTERVAL);
    private final BlockBuilder indexBlock = new BlockBuilder(TableFormat.INDEX_RESTART_INTERVAL);
    private byte[] lastKey;
    private long entries;
    /** The last flushed data block, whose index entry waits for the next key (to shorten the separator). */
    private BlockHandle pendingHandle;
    private boolean finished;

    /** Adds an entry; keys must be strictly increasing as unsigned bytes. */
    void add(byte[] key, byte[] value) {
        if (finished) {
            throw new IllegalStateException("table already finished");
        }
        if (entries > 0) {
            if (Arrays.compareUnsigned(key, lastKey) <= 0) {
                throw new IllegalArgumentException("table keys must be strictly increasing: " + describe(key)
                        + " after " + describe(lastKey));
            }
            // An entry this large would make the current block overly large: start a new one first.
            if ((long) key.length + value.length >= 2L * TableFormat.BLOCK_SIZE) {
                flush();
            }
        }
        if (pendingHandle != null) {
            indexBlock.add(shortestSeparator(lastKey, key), pendingHandle.encode());
            pendingHandle = null;
        }
        lastKey = key;
        entries++;
        dataBlock.add(key, value);
        if (dataBlock.currentSizeEstimate() >= TableFormat.BLOCK_SIZE) {
            flush();
        }
    }

    /** The finished file's bytes. */
    byte[] finish() {
        if (finished) {
            throw new IllegalStateException("table already finished");
        }
        flush();
        finished = true;
        BlockHandle metaindex = writeBlock(new BlockBuilder(TableFormat.DATA_RESTART_INTERVAL));
        if (pendingHandle != null) {
            indexBlock.add(shortSuccessor(lastKey), pendingHandle.encode());
            pendingHandle = null;
        }
        BlockHandle index = writeBlock(indexBlock);
        int footerStart = file.size();
        metaindex.encodeTo(file);
        index.encodeTo(file);
        while (file.size() < footerStart + TableFormat.FOOTER_HANDLES_SIZE) {
            file.writeByte(0);
        }
        file.writeFixed64(TableFormat.MAGIC);
        return file.toByteArray();
    }

    private void flush() {
        if (dataBlock.isEmpty()) {
            return;
        }
        pendingHandle = writeBlock(dataBlock);
    }

    private BlockHandle writeBlock(BlockBuilder block) {
        byte[] contents = block.finish();
        block.reset();
        BlockHandle handle = new BlockHandle(file.size(), contents.length);
        file.writeBytes(contents);
        file.writeByte(TableFormat.NO_COMPRESSION);
        file.writeFixed32(TableFormat.blockChecksum(contents, 0, contents.length, TableFormat.NO_COMPRESSION));
        return handle;
    }

    /**
     * A short key k with {@code start <= k < limit}: the common prefix plus the first differing
     * byte incremented, when that still sorts below {@code limit}; otherwise {@code start}.
     */
    static byte[] shortestSeparator(byte[] start, byte[] limit) {
        int min = Math.min(start.length, limit.length);
        int diff = 0;
        while (diff < min && start[diff] == limit[diff]) {
            diff++;
        }
        if (diff < min) {
            int b = start[diff] & 0xFF;
            if (b < 0xFF && b + 1 < (limit[diff] & 0xFF)) {
                byte[] separator = Arrays.copyOf(start, diff + 1);
                separator[diff] = (byte) (b + 1);
                return separator;
            }
        }
        return start;
    }

    /** A short key >= {@code key}: its first byte that is not 0xFF incremented, the rest dropped. */
    static byte[] shortSuccessor(byte[] key) {
        for (int i = 0; i < key.length; i++) {
            if ((key[i] & 0xFF) != 0xFF) {
                byte[] successor = Arrays.copyOf(key, i + 1);
                successor[i]++;
                return successor;
            }
        }
        return key;
    }

    static String describe(byte[] key) {
        return BundleKeys.describe(key);
    }
}

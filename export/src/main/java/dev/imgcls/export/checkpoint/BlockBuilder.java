package dev.imgcls.export.checkpoint;

import java.util.Arrays;

/**
 * Builds one block of the sorted string table (leveldb's block_builder.cc): entries with keys
 * prefix-compressed against the previous key, a full key at every restart point, and the restart
 * offsets at the end so a reader can binary-search the block.
 *
 * <pre>
 * entry := varint32 shared | varint32 non_shared | varint32 value_len | key[shared..] | value
 * block := entry* | fixed32 restart_offset[num_restarts] | fixed32 num_restarts
 * </pre>
 */
final class BlockBuilder {

    private static final byte[] NO_KEY = new byte[0];

    private final int restartInterval;
    private final ByteSink buffer = new ByteSink(4096);
    private int[] restarts = new int[16];
    private int restartCount;
    private int entriesSinceRestart;
    private byte[] lastKey = NO_KEY;

    BlockBuilder(int restartInterval) {
        if (restartInterval < 1) {
            throw new IllegalArgumentException("restart interval must be >= 1, got " + restartInterval);
        }
        this.restartInterval = restartInterval;
        reset();
    }

    void reset() {
        buffer.reset();
        restartCount = 0;
        addRestart(0);
        entriesSinceRestart = 0;
        lastKey = NO_KEY;
    }

    boolean isEmpty() {
        return buffer.size() == 0;
    }

    /** The size {@link #finish()} would return: what the table builder compares with its block size. */
    int currentSizeEstimate() {
        return buffer.size() + 4 * restartCount + 4;
    }

    /** Appends an entry; keys must come in strictly increasing byte order (the table builder checks). */
    void add(byte[] key, byte[] value) {
        int shared = 0;
        if (entriesSinceRestart < restartInterval) {
            int max = Math.min(lastKey.length, key.length);
            while (shared < max && lastKey[shared] == key[shared]) {
                shared++;
            }
        } else {
            addRestart(buffer.size());
            entriesSinceRestart = 0;
        }
        buffer.writeVarint32(shared);
        buffer.writeVarint32(key.length - shared);
        buffer.writeVarint32(value.length);
        buffer.writeBytes(key, shared, key.length - shared);
        buffer.writeBytes(value);
        lastKey = key;
        entriesSinceRestart++;
    }

    /** The finished block contents (entries then restart array); call {@link #reset()} before reuse. */
    byte[] finish() {
        ByteSink out = new ByteSink(currentSizeEstimate());
        out.writeBytes(buffer.array(), 0, buffer.size());
        for (int i = 0; i < restartCount; i++) {
            out.writeFixed32(restarts[i]);
        }
        out.writeFixed32(restartCount);
        return out.toByteArray();
    }

    private void addRestart(int offset) {
        if (restartCount == restarts.length) {
            restarts = Arrays.copyOf(restarts, restartCount * 2);
        }
        restarts[restartCount++] = offset;
    }
}

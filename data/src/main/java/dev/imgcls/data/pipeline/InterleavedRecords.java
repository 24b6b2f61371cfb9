package dev.imgcls.data.pipeline;

import dev.imgcls.data.tfrecord.TFRecord;

import java.io.IOException;
import java.util.function.Function;

/**
 * {@code interleave(cycle_length=C, block_length=1)} over TFRecord files: C files are open at once
 * and one record is taken from each in turn; a file that ends is replaced, in the same place of the
 * cycle, by the next file of the sequence. The order is fixed by the sequence alone (TensorFlow's
 * deterministic interleave, not {@code sloppy}); read-ahead keeps the waiting out of it.
 */
final class InterleavedRecords implements AutoCloseable {

    private final ShardSequence files;
    private final Function<String, ReadAheadShard> opener;
    private final ReadAheadShard[] cycle;
    /** The pass of the sequence each open file came from, for {@link ReadEpochs}. */
    private final long[] epochOf;
    private final ReadEpochs epochs;
    private int position;
    private int open;
    /** Files that ended without a record since the last record; bounds the search of an all-empty data set. */
    private long emptyFilesInARow;

    InterleavedRecords(ShardSequence files, int cycleLength, Function<String, ReadAheadShard> opener, ReadEpochs epochs) {
        this.files = files;
        this.opener = opener;
        this.epochs = epochs;
        this.cycle = new ReadAheadShard[cycleLength];
        this.epochOf = new long[cycleLength];
        for (int i = 0; i < cycleLength && files.hasNext(); i++) {
            cycle[i] = openNext(i);
        }
    }

    /** The next record, or {@code null} when every file of a single-pass sequence has ended. */
    TFRecord next() throws IOException, InterruptedException {
        while (open > 0) {
            ReadAheadShard shard = cycle[position];
            if (shard == null) {
                advance();
                continue;
            }
            TFRecord record = shard.take();
            if (record != null) {
                emptyFilesInARow = 0;
                advance();
                return record;
            }
            if (shard.recordsTaken() == 0) {
                emptyFilesInARow++;
                // Every window of 2n files of a repeating sequence holds each file at least once.
                if (emptyFilesInARow > 2L * files.filesPerEpoch() + cycle.length) {
                    throw new IOException("all " + files.filesPerEpoch() + " TFRecord files are empty (e.g. " + shard.path()
                            + "): there is nothing to train on");
                }
            }
            epochs.fileEnded(epochOf[position], shard.path(), shard.recordsTaken());
            shard.close();
            open--;
            cycle[position] = files.hasNext() ? openNext(position) : null;
            advance();
        }
        return null;
    }

    @Override
    public void close() {
        for (int i = 0; i < cycle.length; i++) {
            if (cycle[i] != null) {
                cycle[i].close();
                cycle[i] = null;
            }
        }
        open = 0;
    }

    private ReadAheadShard openNext(int slot) {
        ReadAheadShard shard = opener.apply(files.next());
        epochOf[slot] = files.epoch();
        shard.prefetch();
        open++;
        return shard;
    }

    private void advance() {
        position = (position + 1) % cycle.length;
    }
}

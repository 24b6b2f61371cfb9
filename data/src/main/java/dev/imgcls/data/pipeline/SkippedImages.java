package dev.imgcls.data.pipeline;

import dev.imgcls.data.tfrecord.RecordLocation;

/**
 * The undecodable images a pipeline passed over (with the skip option): how many, and the first
 * one, so that a job can end with one line that lets the user find them. Written by the batcher
 * thread, read by the consumer.
 */
public final class SkippedImages {

    private long count;
    private RecordLocation first;

    synchronized void add(RecordLocation location) {
        if (count == 0) {
            first = location;
        }
        count++;
    }

    public synchronized long count() {
        return count;
    }

    /** The first skipped record, or {@code null} when none was skipped. */
    public synchronized RecordLocation first() {
        return first;
    }

    /**
     * One line for the user, e.g. {@code skipped 3 undecodable validation images (first: FILE
     * record 7)}; {@code null} when none was skipped.
     *
     * @param what the data set, e.g. "validation"
     */
    public static String summary(String what, long count, RecordLocation first) {
        if (count == 0) {
            return null;
        }
        return "skipped " + count + " undecodable " + what + " image" + (count == 1 ? "" : "s")
                + (first == null ? "" : " (first: " + first.source() + " record " + first.index() + ")");
    }
}

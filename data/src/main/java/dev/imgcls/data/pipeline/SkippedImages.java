package dev.imgcls.data.pipeline;

import dev.imgcls.data.tfrecord.RecordLocation;

import java.util.HashSet;
import java.util.Set;

/**
 * The undecodable images a pipeline passed over (with the skip option): how many, how many
 * different records (training reads each record once per epoch), and the first one, so that a job
 * can end with one line that lets the user find them. Written by one thread, read by another.
 */
public final class SkippedImages {

    private long count;
    private RecordLocation first;
    // One entry per bad record of the data set, however many epochs: small.
    private final Set<RecordLocation> distinct = new HashSet<>();

    synchronized void add(RecordLocation location) {
        if (count == 0) {
            first = location;
        }
        count++;
        distinct.add(location);
    }

    /** Every skip, a record skipped in two epochs counting twice. */
    public synchronized long count() {
        return count;
    }

    /** Different records skipped. */
    public synchronized long distinctCount() {
        return distinct.size();
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
        return summary(what, count, first, "");
    }

    /**
     * The summary of the different records skipped, adding how many skips there were when the data
     * repeated, e.g. {@code skipped 2 undecodable training images (first: FILE record 1; 5 skips in
     * all, as the data repeats)}.
     */
    public synchronized String summary(String what) {
        long records = distinct.size();
        return summary(what, records, first, count > records ? "; " + count + " skips in all, as the data repeats" : "");
    }

    private static String summary(String what, long count, RecordLocation first, String note) {
        if (count == 0) {
            return null;
        }
        return "skipped " + count + " undecodable " + what + " image" + (count == 1 ? "" : "s")
                + (first == null ? "" : " (first: " + first.source() + " record " + first.index() + note + ")");
    }
}

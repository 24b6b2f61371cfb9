package dev.imgcls.data.pipeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What the training input read in each pass (epoch) over its files, logged at DEBUG (the trainer
 * shows it with {@code IMGCLS_VERBOSE=1}) as one line when the pass's last file has been read to
 * its end, e.g. {@code training input (files of rank 1 of 3): epoch 2 read 3 files to their end, 36
 * records, in /data/: train-00001-of-00008 (12), train-00004-of-00008 (12), train-00006-of-00008 (12)}.
 * The files are listed by name with the records read from each, so a user sees which rank read
 * which shard and that each pass covered every file. The readers run ahead of training by the
 * shuffle buffer and prefetch, so a pass is reported when it is read, before its last records are
 * trained on.
 */
final class ReadEpochs {
    private static final System.Logger LOG = System.getLogger(ReadEpochs.class.getName());

    private record Ended(String path, long records) {
    }

    private final String who;
    private final int filesPerEpoch;
    /** Where the lines go; null: nowhere (DEBUG is off), and nothing is tallied. */
    private final Consumer<String> sink;
    /** Files ended so far in each pass not yet complete; an interleave can end a file of the next pass first. */
    private final Map<Long, List<Ended>> passes = new HashMap<>();

    ReadEpochs(String who, int filesPerEpoch, Consumer<String> sink) {
        this.who = who;
        this.filesPerEpoch = filesPerEpoch;
        this.sink = sink;
    }

    /** Reports a training pipeline's passes; {@code shardIndex}/{@code shardCount} name its file share (1 share: every file). */
    static ReadEpochs training(int filesPerEpoch, int shardIndex, int shardCount) {
        String who = shardCount > 1 ? "training input (files of rank " + shardIndex + " of " + shardCount + ")" : "training input";
        return new ReadEpochs(who, filesPerEpoch, LOG.isLoggable(System.Logger.Level.DEBUG) ? line -> LOG.log(System.Logger.Level.DEBUG, line) : null);
    }

    /** Reports nothing (evaluation reads its files once, in order). */
    static ReadEpochs none() {
        return new ReadEpochs("", 0, null);
    }

    /** Called on the reading thread when a file of pass {@code epoch} (from 1) ended after {@code records} records. */
    void fileEnded(long epoch, String path, long records) {
        if (sink == null) {
            return;
        }
        List<Ended> pass = passes.computeIfAbsent(epoch, e -> new ArrayList<>());
        pass.add(new Ended(path, records));
        if (pass.size() == filesPerEpoch) {
            passes.remove(epoch);
            sink.accept(line(epoch, pass));
        }
    }

    private String line(long epoch, List<Ended> pass) {
        List<Ended> sorted = new ArrayList<>(pass);
        sorted.sort(Comparator.comparing(Ended::path));
        String directory = commonDirectory(sorted);
        long total = 0;
        StringBuilder files = new StringBuilder();
        for (Ended e : sorted) {
            total += e.records();
            files.append(files.isEmpty() ? "" : ", ").append(e.path().substring(directory.length())).append(" (").append(e.records())
                    .append(')');
        }
        return who + ": epoch " + epoch + " read " + sorted.size() + " file" + (sorted.size() == 1 ? "" : "s") + " to their end, " + total
                + " record" + (total == 1 ? "" : "s") + (directory.isEmpty() ? "" : ", in " + directory) + ": " + files;
    }

    /** The longest prefix ending in '/' that every path has, or "". */
    private static String commonDirectory(List<Ended> files) {
        String first = files.get(0).path();
        int end = first.lastIndexOf('/') + 1;
        for (Ended e : files) {
            while (end > 0 && !e.path().startsWith(first.substring(0, end))) {
                end = first.lastIndexOf('/', end - 2) + 1;
            }
        }
        return first.substring(0, end);
    }
}

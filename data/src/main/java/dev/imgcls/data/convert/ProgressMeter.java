package dev.imgcls.data.convert;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/** Prints "done/total, images/s, ETA" at most once per interval, and a summary at the end. */
final class ProgressMeter {

    private final long total;
    private final PrintStream out;
    private final LongSupplier nanoClock;
    private final long intervalNanos;
    private final long start;
    private long lastPrint;
    private long done;

    ProgressMeter(long total, PrintStream out, long intervalNanos, LongSupplier nanoClock) {
        this.total = total;
        this.out = out;
        this.nanoClock = nanoClock;
        this.intervalNanos = intervalNanos;
        this.start = nanoClock.getAsLong();
        this.lastPrint = start;
    }

    void advance() {
        done++;
        long now = nanoClock.getAsLong();
        if (now - lastPrint >= intervalNanos && done < total) {
            lastPrint = now;
            double rate = rate(now);
            String eta = rate > 0 ? duration((long) ((total - done) / rate)) : "unknown";
            out.println(String.format(Locale.ROOT, "make-tfrecords: %d/%d images (%.1f%%), %s images/s, ETA %s",
                    done, total, 100.0 * done / total, rateText(rate), eta));
        }
    }

    void finish() {
        long now = nanoClock.getAsLong();
        out.println(String.format(Locale.ROOT, "make-tfrecords: %d images in %s (%s images/s)", done,
                duration((now - start) / 1_000_000_000L), rateText(rate(now))));
    }

    private double rate(long now) {
        double seconds = (now - start) / 1e9;
        return seconds > 0 ? done / seconds : 0;
    }

    /** Three significant digits below 100 (slow reads from remote storage stay readable), else whole numbers. */
    static String rateText(double rate) {
        return rate >= 100 ? String.format(Locale.ROOT, "%.0f", rate) : String.format(Locale.ROOT, "%.3g", rate);
    }

    /** H:MM:SS. */
    static String duration(long seconds) {
        return String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }
}

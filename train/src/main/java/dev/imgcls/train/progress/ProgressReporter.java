package dev.imgcls.train.progress;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Prints a training job's progress: a start line, then at most one line per interval of training
 * <pre>step 120/1000  loss 1.234  lr 0.0100  37.5 img/s  ETA 3m12s</pre>
 * (the first step and the last step are always shown), and an end summary. Throughput is
 * measured over the lines' interval; the ETA uses an exponential moving average of the time per
 * step, so one slow interval does not swing it. Time spent outside training (evaluation,
 * checkpoints) is left out when bracketed by {@link #pause()} and {@link #resume()}.
 */
public final class ProgressReporter {
    /** Weight of the newest interval in the moving average of seconds per step. */
    static final double SMOOTHING = 0.3;

    private final PrintStream out;
    private final LongSupplier nanoTime;
    private final long maxSteps;
    private final int batchSize;
    private final long intervalNanos;

    private long startStep;
    private long startNanos;
    private long pausedNanos;
    private long pauseStartNanos;
    private boolean paused;
    private long lastStep;
    private long lastNanos;
    private long lastPrintNanos;
    private boolean printedAny;
    private double secondsPerStep = Double.NaN;
    private double lastLoss = Double.NaN;

    /**
     * @param nanoTime a monotonic clock in nanoseconds ({@code System::nanoTime}; injectable for tests)
     * @param intervalSeconds least time between two step lines
     */
    public ProgressReporter(PrintStream out, LongSupplier nanoTime, long maxSteps, int batchSize, double intervalSeconds) {
        if (batchSize < 1 || maxSteps < 0 || !(intervalSeconds >= 0)) {
            throw new IllegalArgumentException("need batchSize >= 1, maxSteps >= 0 and intervalSeconds >= 0, got "
                    + batchSize + ", " + maxSteps + ", " + intervalSeconds);
        }
        this.out = out;
        this.nanoTime = nanoTime;
        this.maxSteps = maxSteps;
        this.batchSize = batchSize;
        this.intervalNanos = Math.round(intervalSeconds * 1e9);
    }

    /** Standard output, a line at most every 10 seconds. */
    public static ProgressReporter toStandardOutput(long maxSteps, int batchSize) {
        return new ProgressReporter(System.out, System::nanoTime, maxSteps, batchSize, 10);
    }

    /** Starts the clock at {@code startStep} (the restored global step, or 0). */
    public void start(long startStep) {
        this.startStep = startStep;
        this.lastStep = startStep;
        this.startNanos = nanoTime.getAsLong();
        this.lastNanos = startNanos;
        this.lastPrintNanos = startNanos;
        out.println(String.format(Locale.ROOT, "training from step %d to %d, batch %d", startStep, maxSteps, batchSize));
    }

    /** After training step {@code step} (the global step after the update) with its loss and learning rate. */
    public void step(long step, double loss, double learningRate) {
        long now = nanoTime.getAsLong();
        lastLoss = loss;
        boolean due = !printedAny || step >= maxSteps || now - lastPrintNanos >= intervalNanos;
        if (!due || step <= lastStep) {
            return;
        }
        double seconds = (now - lastNanos) / 1e9;
        long steps = step - lastStep;
        double intervalSecondsPerStep = seconds / steps;
        // The first line's interval is the first step alone, slowed by JIT compilation and the
        // input pipeline filling up: it says nothing about the rest, so it gets no ETA and does
        // not seed the average.
        if (printedAny) {
            secondsPerStep = Double.isNaN(secondsPerStep) ? intervalSecondsPerStep
                    : SMOOTHING * intervalSecondsPerStep + (1 - SMOOTHING) * secondsPerStep;
        }
        double imagesPerSecond = seconds > 0 ? steps * (double) batchSize / seconds : Double.NaN;
        String eta = Double.isNaN(secondsPerStep) ? "" : "  ETA " + Durations.format(Math.max(0, maxSteps - step) * secondsPerStep);
        out.println(String.format(Locale.ROOT, "step %d/%d  loss %.3f  lr %s  %.1f img/s%s",
                step, maxSteps, loss, rate(learningRate), imagesPerSecond, eta));
        printedAny = true;
        lastStep = step;
        lastNanos = now;
        lastPrintNanos = now;
    }

    /** Training stops for a while (evaluation, checkpointing): the time until {@link #resume()} is not counted. */
    public void pause() {
        if (!paused) {
            paused = true;
            pauseStartNanos = nanoTime.getAsLong();
        }
    }

    /** Training goes on: the pause is left out of the throughput, the ETA and the average. */
    public void resume() {
        if (paused) {
            paused = false;
            long pause = nanoTime.getAsLong() - pauseStartNanos;
            pausedNanos += pause;
            lastNanos += pause;
            lastPrintNanos += pause;
        }
    }

    /** The end summary: steps trained, wall time, average throughput over training time, last loss. */
    public void finish(long step) {
        resume();
        long now = nanoTime.getAsLong();
        long steps = step - startStep;
        double wall = (now - startNanos) / 1e9;
        double training = (now - startNanos - pausedNanos) / 1e9;
        double imagesPerSecond = training > 0 ? steps * (double) batchSize / training : Double.NaN;
        out.println(String.format(Locale.ROOT, "done  %d steps in %s  %.1f img/s average  final loss %.3f",
                steps, Durations.format(wall), imagesPerSecond, lastLoss));
    }

    private static String rate(double learningRate) {
        return learningRate == 0 || Math.abs(learningRate) >= 1e-3
                ? String.format(Locale.ROOT, "%.4f", learningRate)
                : String.format(Locale.ROOT, "%.2e", learningRate);
    }
}

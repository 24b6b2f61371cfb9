package dev.imgcls.data.pipeline;

import dev.imgcls.data.tfrecord.RecordLocation;
import dev.imgcls.io.IoErrorText;

import java.nio.file.FileSystemException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;

/**
 * The batcher thread: takes finished examples strictly in sequence order, copies them into the
 * batch being filled, and queues full batches for the consumer (the bounded prefetch queue).
 * Skipped images are counted and logged; an error or the end of the input is queued after the
 * batches before it. A partial last batch is dropped ({@code drop_remainder=True}).
 */
final class Batcher implements Runnable {

    /** What the consumer receives, in order. */
    sealed interface Item permits Full, Failure, End {}

    /** A batch, with the images skipped since the previous one (so the consumer counts what it used). */
    record Full(float[] images, int[] labels, RecordLocation[] locations, List<RecordLocation> skipped) implements Item {}

    record Failure(String message, Throwable cause) implements Item {}

    record End() implements Item {}

    private static final System.Logger LOG = System.getLogger(InputPipeline.class.getName());
    /** Skips logged one by one before switching to one line per {@link #LOG_EVERY}. */
    private static final int LOG_FIRST = 20;
    private static final int LOG_EVERY = 100;

    private final String name;
    private final ReorderWindow window;
    private final BlockingQueue<Item> out;
    private final int batchSize;
    private final int exampleLength;
    private final long batchesWanted;
    private final SkippedImages skipped;
    private final Runnable stopInput;
    private final String inputDescription;

    /**
     * @param batchesWanted batches to deliver before the end, or -1 for as many as the input gives
     * @param stopInput called once no more input is needed
     */
    Batcher(String name, ReorderWindow window, BlockingQueue<Item> out, int batchSize, int exampleLength, long batchesWanted,
            SkippedImages skipped, Runnable stopInput, String inputDescription) {
        this.name = name;
        this.window = window;
        this.out = out;
        this.batchSize = batchSize;
        this.exampleLength = exampleLength;
        this.batchesWanted = batchesWanted;
        this.skipped = skipped;
        this.stopInput = stopInput;
        this.inputDescription = inputDescription;
    }

    @Override
    public void run() {
        try {
            Item last = fill();
            stopInput.run(); // before waiting for room in the queue: the remaining input is not needed
            out.put(last);
        } catch (InterruptedException e) {
            // Closing.
        } finally {
            stopInput.run();
        }
    }

    /** Delivers batches until the input ends, fails, or enough were delivered; returns the final item. */
    private Item fill() throws InterruptedException {
        long delivered = 0;
        long images = 0;
        while (true) {
            float[] pixels = new float[batchSize * exampleLength];
            int[] labels = new int[batchSize];
            RecordLocation[] locations = new RecordLocation[batchSize];
            List<RecordLocation> skippedHere = new ArrayList<>(0);
            int row = 0;
            while (row < batchSize) {
                ExampleResult r = window.awaitHead();
                switch (r.kind()) {
                    case READY -> {
                        System.arraycopy(window.buffer(window.head()), 0, pixels, row * exampleLength, exampleLength);
                        labels[row] = r.classIndex();
                        locations[row] = r.location();
                        row++;
                        images++;
                    }
                    case SKIPPED -> {
                        logSkip(r);
                        skippedHere.add(r.location());
                    }
                    case FAILED -> {
                        return new Failure(name + " input failed: " + describe(r.error()), r.error());
                    }
                    case END -> {
                        return endOfInput(delivered, images);
                    }
                }
                window.releaseHead();
            }
            out.put(new Full(pixels, labels, locations, skippedHere));
            delivered++;
            if (delivered == batchesWanted) {
                return new End();
            }
        }
    }

    /** The JDK's file errors have only the path as their message ("a file removed after listing"). */
    private static String describe(Exception error) {
        return error instanceof FileSystemException f ? IoErrorText.describe(f) : error.getMessage();
    }

    private Item endOfInput(long delivered, long images) {
        if (batchesWanted < 0 || delivered == batchesWanted) {
            return new End();
        }
        return new Failure(name + " input ran out after " + images + " images: " + batchesWanted + " batches of " + batchSize
                + " were wanted (num_eval_images // batch size), but " + inputDescription + " hold fewer"
                + (skipped.count() > 0 ? " decodable images (" + skipped.count() + " skipped as undecodable)" : " records"), null);
    }

    private void logSkip(ExampleResult r) {
        skipped.add(r.location());
        long n = skipped.count();
        if (n <= LOG_FIRST || n % LOG_EVERY == 0) {
            LOG.log(System.Logger.Level.WARNING, "skipped undecodable image #" + n + " of this " + name + " input: "
                    + r.error().getMessage() + (n == LOG_FIRST ? " (from now on one line per " + LOG_EVERY + " skips)" : ""));
        }
    }
}

package dev.imgcls.train.events;

import dev.imgcls.io.FileSystems;

import java.io.Closeable;
import java.io.IOException;
import java.time.InstantSource;

/**
 * The event files of a training job, laid out as a TF1 Estimator does: training scalars in the
 * log directory itself, evaluation scalars in its {@code eval/} subdirectory, so TensorBoard
 * shows them as two runs with the same tags (e.g. training and validation {@code loss}).
 * The eval file is created on the first evaluation.
 */
public final class TrainingEvents implements Closeable {
    /** Training: the cross-entropy plus weight decay that was minimised. */
    public static final String LOSS = "loss";
    public static final String LEARNING_RATE = "learning_rate";
    public static final String IMAGES_PER_SEC = "images_per_sec";
    /** The Estimator's own throughput tag. */
    public static final String GLOBAL_STEP_PER_SEC = "global_step/sec";
    public static final String TOP_1_ACCURACY = "top_1_accuracy";
    public static final String TOP_5_ACCURACY = "top_5_accuracy";
    public static final String EVAL_SUBDIRECTORY = "eval";

    private final String directory;
    private final InstantSource clock;
    private final String hostName;
    private final EventFileWriter train;
    private EventFileWriter eval;

    private TrainingEvents(String directory, InstantSource clock, String hostName) throws IOException {
        this.directory = directory;
        this.clock = clock;
        this.hostName = hostName;
        this.train = EventFileWriter.open(directory, clock, hostName);
    }

    public static TrainingEvents open(String directory) throws IOException {
        return new TrainingEvents(directory, InstantSource.system(), EventFileWriter.hostName());
    }

    public static TrainingEvents open(String directory, InstantSource clock, String hostName) throws IOException {
        return new TrainingEvents(directory, clock, hostName);
    }

    /** The training directory's writer. */
    public EventFileWriter train() {
        return train;
    }

    /** The {@code eval/} writer, created on first use. */
    public synchronized EventFileWriter eval() throws IOException {
        if (eval == null) {
            eval = EventFileWriter.open(FileSystems.join(directory, EVAL_SUBDIRECTORY), clock, hostName);
        }
        return eval;
    }

    @Override
    public synchronized void close() throws IOException {
        try {
            train.close();
        } finally {
            if (eval != null) {
                eval.close();
            }
        }
    }
}

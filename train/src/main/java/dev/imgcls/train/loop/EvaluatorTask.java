package dev.imgcls.train.loop;

import dev.imgcls.export.checkpoint.BundleNames;
import dev.imgcls.io.FileSystems;
import dev.imgcls.nn.Model;
import dev.imgcls.nn.ModelFactory;
import dev.imgcls.tensor.Autograd;
import dev.imgcls.tensor.Backends;
import dev.imgcls.tensor.spi.Backend;
import dev.imgcls.train.cli.ArgumentException;
import dev.imgcls.train.cli.TrainingConfig;
import dev.imgcls.train.events.EventFileWriter;
import dev.imgcls.train.events.TrainingEvents;
import dev.imgcls.train.metrics.MetricsSnapshot;
import dev.imgcls.train.report.EvaluationTally;
import dev.imgcls.train.report.TrainingReports;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code evaluator} task of a TF_CONFIG / CLUSTER_SPEC cluster, as TF Estimator's
 * {@code train_and_evaluate} runs one: given the trainer's arguments, it evaluates the chief's
 * checkpoints as they appear ({@link CheckpointWatcher} says which and when it stops) on the
 * validation data, with the chief's evaluation code (and, when the job averages its weights, the
 * checkpoint's averages, as the chief evaluates), and prints one line per checkpoint. Its
 * TensorBoard scalars go to {@code <job-dir>/checkpoints/}{@value #EVENTS_SUBDIRECTORY}{@code /}
 * (TF's {@code eval_<name>} beside the chief's own {@code eval/}, same tags) and its per-class
 * reports to {@code <job-dir>/}{@value #EVENTS_SUBDIRECTORY}{@code /step-<N>/} and {@code latest/}
 * (beside the chief's {@code eval/}). It writes nothing else and takes no lock: the job directory
 * is the chief's.
 */
public final class EvaluatorTask {
    public static final String EVENTS_SUBDIRECTORY = "eval_evaluator";

    private final TrainingConfig config;
    private final PrintStream out;
    private final List<Backend> backends;
    private final Duration pollInterval;
    private final Duration finishedGrace;

    /** @param pollInterval, finishedGrace see {@link CheckpointWatcher}; tests shorten them */
    EvaluatorTask(TrainingConfig config, PrintStream out, List<Backend> backends, Duration pollInterval, Duration finishedGrace) {
        this.config = config;
        this.out = out;
        this.backends = List.copyOf(backends);
        this.pollInterval = pollInterval;
        this.finishedGrace = finishedGrace;
    }

    /**
     * Evaluates the chief's checkpoints until its last one.
     *
     * @return the metrics of every checkpoint evaluated, in order
     * @throws ArgumentException when the data or a checkpoint do not fit the arguments
     * @throws IOException on unreadable data, checkpoints or event files
     */
    public static List<MetricsSnapshot> run(TrainingConfig config, PrintStream out) throws IOException {
        return new EvaluatorTask(config, out, Backends.all(), CheckpointWatcher.POLL_INTERVAL, CheckpointWatcher.FINISHED_GRACE).run();
    }

    @SuppressWarnings("try") // the backend scope works by being open
    List<MetricsSnapshot> run() throws IOException {
        Preflight.Data data = Preflight.check(config, FileSystems.defaults(), backends);
        DeviceSelection device = DeviceSelection.resolve(config.device(), backends);
        out.println("evaluator: " + device.description());
        try {
            if (!device.gpu()) {
                return evaluateCheckpoints(data, device);
            }
            try (Autograd.Scope gpu = Backends.use(device.backend())) {
                return evaluateCheckpoints(data, device);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("the evaluator was interrupted while waiting for a checkpoint");
        }
    }

    private List<MetricsSnapshot> evaluateCheckpoints(Preflight.Data data, DeviceSelection device) throws IOException, InterruptedException {
        JobPaths paths = new JobPaths(config.jobDir());
        String eventsDirectory = FileSystems.join(paths.events(), EVENTS_SUBDIRECTORY);
        CheckpointWatcher watcher = new CheckpointWatcher(paths, config.maxSteps(), pollInterval, finishedGrace);
        out.printf("evaluator: watching %s for the chief's checkpoints (every %.1f s) until step %d; %d validation images per checkpoint;"
                + " events in %s%n", paths.checkpoints(), pollInterval.toMillis() / 1000.0, config.maxSteps(),
                data.evalBatches() * config.trainBatchSize(), eventsDirectory);
        Model model = ModelFactory.create(config.modelType(), config.numClasses(), config.seed());
        model.moveTo(device.device());
        DataParallel single = DataParallel.single();
        Evaluator evaluator = null;
        EventFileWriter events = null;
        TrainingReports reports = TrainingJob.reports(config, out, "evaluator", FileSystems.join(config.jobDir(), EVENTS_SUBDIRECTORY));
        List<MetricsSnapshot> results = new ArrayList<>();
        long lastStep = -1;
        try {
            for (Optional<CheckpointWatcher.Checkpoint> next = watcher.next(lastStep); next.isPresent(); next = watcher.next(lastStep)) {
                String prefix = next.get().prefix();
                TrainingState.Restored restored;
                try {
                    restored = TrainingState.restoreModel(prefix, model, config.movingAverageDecay() > 0);
                } catch (IOException e) {
                    if (FileSystems.defaults().resolve(prefix).exists(BundleNames.indexFile(prefix))) {
                        throw e;
                    }
                    // The chief keeps only --keep_checkpoints: it may delete one between our look and our read.
                    out.println("evaluator: " + prefix + " was deleted by the chief before it could be read; looking for a newer one");
                    continue;
                }
                checkImageSize(restored, prefix);
                checkCropSettings(restored, prefix);
                if (evaluator == null) {
                    // The chief's evaluation images: the job's seed (from its checkpoint) and arguments.
                    EvaluationData evalData = TrainingJob.evaluationData(config, single, restored.seed(), data);
                    evaluator = new Evaluator(evalData, config.labelSmoothing(), config.weightDecay(), single);
                }
                long t0 = System.nanoTime();
                EvaluationTally tally = reports.newTally();
                MetricsSnapshot metrics = evaluator.evaluate(model, restored.globalStep(), tally);
                out.printf("evaluator: step %d (%s): top-1 %.4f  top-5 %.4f  loss %.4f  (%.1f s)%n", restored.globalStep(),
                        prefix, metrics.get(TrainingEvents.TOP_1_ACCURACY), metrics.get(TrainingEvents.TOP_5_ACCURACY),
                        metrics.get(TrainingEvents.LOSS), (System.nanoTime() - t0) / 1e9);
                String skipped = evaluator.skippedSummary();
                if (skipped != null) {
                    out.println("evaluator: " + skipped);
                }
                if (events == null) {
                    events = EventFileWriter.open(eventsDirectory);
                }
                events.scalars(restored.globalStep(), metrics.values());
                reports.publish(restored.globalStep(), metrics.get(TrainingEvents.TOP_1_ACCURACY), metrics.get(TrainingEvents.TOP_5_ACCURACY),
                        tally, events);
                results.add(metrics);
                lastStep = next.get().step();
            }
        } finally {
            if (events != null) {
                events.close();
            }
        }
        out.printf("evaluator: done after %d evaluation%s: %s%n", results.size(), results.size() == 1 ? "" : "s", watcher.stopReason());
        return results;
    }

    /** Metrics of another evaluation crop than the chief's would not be the job's. */
    private void checkCropSettings(TrainingState.Restored restored, String prefix) {
        if (!restored.crop().equals(config.cropSettings())) {
            throw new ArgumentException(List.of("checkpoint " + prefix + " was trained with " + TrainingState.flags(restored.crop())
                    + ", the evaluator was given " + TrainingState.flags(config.cropSettings()) + "; give the evaluator the chief's arguments"));
        }
    }

    /** The weights and batch-norm statistics are tuned to the chief's --image_size: another one would give other metrics. */
    private void checkImageSize(TrainingState.Restored restored, String prefix) {
        if (restored.imageSize() != 0 && restored.imageSize() != config.imageSize()) {
            throw new ArgumentException(List.of("checkpoint " + prefix + " was trained with --image_size=" + restored.imageSize()
                    + ", the evaluator was given --image_size=" + config.imageSize() + "; give the evaluator the chief's arguments"));
        }
    }
}

package dev.imgcls.train.loop;

import dev.imgcls.data.pipeline.Batch;
import dev.imgcls.data.pipeline.ExamplePreprocessor;
import dev.imgcls.data.pipeline.LabelBase;
import dev.imgcls.data.pipeline.PipelineConfig;
import dev.imgcls.data.pipeline.ShardList;
import dev.imgcls.data.preprocess.ImagePreprocessor;
import dev.imgcls.data.preprocess.ReferenceExamplePreprocessor;
import dev.imgcls.export.checkpoint.CheckpointManager;
import dev.imgcls.io.FaultPoints;
import dev.imgcls.io.FileSystems;
import dev.imgcls.kernels.cpu.CpuBackend;
import dev.imgcls.kernels.cpu.Parallel;
import dev.imgcls.nn.Model;
import dev.imgcls.nn.ModelFactory;
import dev.imgcls.nn.optim.Optimizer;
import dev.imgcls.nn.optim.WeightAverage;
import dev.imgcls.nn.schedule.LearningRateSchedule;
import dev.imgcls.tensor.Autograd;
import dev.imgcls.tensor.Backends;
import dev.imgcls.tensor.Device;
import dev.imgcls.train.cli.TrainingConfig;
import dev.imgcls.train.events.TrainingEvents;
import dev.imgcls.train.metrics.FinalMetricsWriter;
import dev.imgcls.train.metrics.HyperparameterMetricReporter;
import dev.imgcls.train.metrics.MetricsSnapshot;
import dev.imgcls.train.progress.ProgressReporter;
import dev.imgcls.train.provenance.ProvenanceRecorder;
import dev.imgcls.train.provenance.RunFacts;
import dev.imgcls.train.report.ClassNames;
import dev.imgcls.train.report.ReportFolders;
import dev.imgcls.train.report.TrainingReports;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A training job end to end, as the built-in algorithm runs one: checks, model, resume from the
 * job's newest checkpoint (or a fresh start), the training loop with periodic evaluation,
 * checkpoints and best-model export, TensorBoard scalars, the tuning metric, progress lines and
 * {@code final_metrics.json}. See {@link JobPaths} for what goes where.
 */
public final class TrainingJob {
    private final TrainingConfig config;
    private final JobEnvironment env;
    private final PrintStream out;
    private final JobPaths paths;
    private final List<String> commandLine;
    private DataParallel parallel;

    private TrainingJob(TrainingConfig config, List<String> commandLine, JobEnvironment env) {
        this.config = config;
        this.commandLine = commandLine == null ? null : List.copyOf(commandLine);
        this.env = env;
        this.out = env.out();
        this.paths = new JobPaths(config.jobDir());
    }

    /**
     * Runs the job to {@code max_steps}.
     *
     * @throws dev.imgcls.train.cli.ArgumentException when the data or job directory do not fit
     *         the arguments (before anything is trained or written)
     * @throws IOException on input, checkpoint or export failures
     */
    public static JobReport run(TrainingConfig config, JobEnvironment env) throws IOException {
        return run(config, null, env);
    }

    /**
     * Runs the job to {@code max_steps}, recording {@code commandLine} (the arguments as the user
     * gave them; null for a job started from code) in its provenance.
     */
    public static JobReport run(TrainingConfig config, List<String> commandLine, JobEnvironment env) throws IOException {
        return new TrainingJob(config, commandLine, env).run();
    }

    @SuppressWarnings("try") // the backend scope works by being open
    private JobReport run() throws IOException {
        long t0 = System.nanoTime();
        parallel = DataParallel.of(config, env.collective());
        Preflight.Data data = Preflight.check(config, FileSystems.defaults(), env.backends());
        DeviceSelection device = DeviceSelection.resolve(config.device(), env.backends());
        parallel.checkSupported(device.gpu(), data.trainingFiles());
        if (parallel.distributed()) {
            out.println(env.collective().describe());
        }
        if (!parallel.chief()) {
            // Only the chief touches the job directory: no lock, no checkpoints, events or exports here.
            return new WorkerRank(config, env, parallel, paths, this).run(t0, data, device.device());
        }
        try (JobDirectoryLock lock = lockJobDirectory()) {
            out.println(device.description());
            if (!device.gpu()) {
                return run(t0, data, device);
            }
            // The job's ops run on the backend it selected (Backends would otherwise pick by priority).
            try (Autograd.Scope gpu = Backends.use(device.backend())) {
                return run(t0, data, device);
            }
        }
    }

    /** The job directory's lock; none for {@code gs://}, which has no locks (two jobs there are the user's to avoid). */
    private JobDirectoryLock lockJobDirectory() throws IOException {
        return config.jobDir().startsWith("gs://") ? null : JobDirectoryLock.acquire(Path.of(config.jobDir()), out);
    }

    private void removeDebris(CheckpointManager checkpoints, String when) throws IOException {
        int removed = JobDebris.clean(paths, checkpoints);
        if (removed > 0) {
            out.printf("removed %d leftover file%s of interrupted writes %s%n", removed, removed == 1 ? "" : "s", when);
        }
    }

    private JobReport run(long t0, Preflight.Data data, DeviceSelection selection) throws IOException {
        Device device = selection.device();
        out.println("engine: " + Backends.forDevice(Device.CPU).name() + " backend, " + CpuBackend.describe() + ", "
                + Parallel.threads() + " compute threads");
        out.printf("data: %d training files; validation: %d records, %d images per evaluation%n", data.trainingFiles(),
                data.validationRecords(), data.evalBatches() * config.trainBatchSize());

        Model model = ModelFactory.create(config.modelType(), config.numClasses(), config.seed());
        model.moveTo(device); // before the optimizer, whose slots are made where the variables are; loads later copy there
        Optimizer optimizer = config.optimizer().create(model.variables());
        WeightAverage average = WeightAverage.create(model.variables(), config.movingAverageDecay());
        CheckpointManager checkpoints = new CheckpointManager(paths.checkpoints(), config.keepCheckpoints());

        removeDebris(checkpoints, "from " + config.jobDir());
        long seed = config.seed();
        long step = 0;
        MetricsSnapshot previousBest = null;
        Optional<String> latest = checkpoints.latest();
        if (latest.isPresent()) {
            TrainingState.Restored restored = TrainingState.restore(latest.get(), model, optimizer, average);
            TrainingState.checkImageSize(restored, config);
            TrainingState.checkCropSettings(restored, config);
            step = restored.globalStep();
            seed = restored.seed();
            previousBest = restored.best();
            out.printf("resuming from %s at step %d%s, %s%n", latest.get(), step,
                    seed != config.seed() ? " (with the job's seed " + seed + "; --seed=" + config.seed() + " applies to new jobs)" : "",
                    resumedAverage(average, restored));
        } else {
            out.printf("new job in %s: %s, %d classes, %,d trainable parameters, %s%n", config.jobDir(), config.modelType(),
                    config.numClasses(), model.trainableParameterCount(), describe(average));
            if (config.pretrainedCheckpointPath() != null) {
                env.warmStarter().initialize(model, config.pretrainedCheckpointPath(), out);
                average.reset(); // the average starts from the loaded weights, as TF's shadows from their variables' initial values
            }
        }
        if (parallel.distributed()) {
            parallel.broadcastState(model, optimizer, average, step, seed); // the chief's state is everyone's
        }
        long startStep = step;
        try (ProvenanceRecorder provenance = ProvenanceRecorder.start(runFacts(selection, seed, startStep), paths.checkpoints(),
                FileSystems.defaults(), out)) {
            BestModelExport bestModel = new BestModelExport(env.exporter(), paths.model(), config.imageSize(),
                    config.evalCropPadding(), provenance, out);
            bestModel.restore(previousBest);

            EvaluationData evalData = evaluationData(seed, data);
            evalData.prepare();
            Evaluator evaluator = new Evaluator(evalData, config.labelSmoothing(), config.weightDecay(), parallel);
            Optional<HyperparameterMetricReporter> tuning = HyperparameterMetricReporter.forEnvironment(env.environment(), InstantSource.system());
            MetricsSnapshot finalMetrics;
            String skippedTraining = null;
            try (TrainingEvents events = TrainingEvents.open(paths.events())) {
                Evaluation evaluation = new Evaluation(evaluator, events, tuning, bestModel, model, average, out,
                        reports("eval", paths.evalReports()));
                if (step >= config.maxSteps()) {
                    out.printf("the job is already at step %d of max_steps=%d: evaluating only%n", step, config.maxSteps());
                    provenance.awaitHashes(out);
                    finalMetrics = evaluation.run(step);
                } else {
                    Trained trained = train(model, optimizer, average, checkpoints, evaluation, bestModel, provenance, seed, step);
                    step = trained.step();
                    finalMetrics = trained.lastEvaluation();
                    skippedTraining = trained.skippedSummary();
                }
            }
            String skippedValidation = evaluator.skippedSummary();
            if (skippedValidation != null) {
                out.println(skippedValidation);
            }
            if (skippedTraining != null) {
                out.println(skippedTraining);
            }
            removeDebris(checkpoints, "at the end of the run");
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (step < config.maxSteps()) {
                out.printf("stopped at step %d of %d; run the same command again to continue from the checkpoint%n", step, config.maxSteps());
                return new JobReport(paths, startStep, step, null, bestModel.best(), seconds);
            }
            FinalMetricsWriter.write(paths.finalMetrics(), TrainingEvents.TOP_1_ACCURACY, finalMetrics, bestModel.best());
            MetricsSnapshot best = bestModel.best();
            out.printf("finished at step %d: top-1 %.4f, top-5 %.4f, loss %.4f; best top-1 %.4f at step %d%n", step,
                    finalMetrics.get(TrainingEvents.TOP_1_ACCURACY), finalMetrics.get(TrainingEvents.TOP_5_ACCURACY),
                    finalMetrics.get(TrainingEvents.LOSS), best.get(TrainingEvents.TOP_1_ACCURACY), best.globalStep());
            out.printf("job directory %s: checkpoints in %s, best model in %s, metrics in %s%n", config.jobDir(), paths.checkpoints(),
                    paths.model(), paths.finalMetrics());
            return new JobReport(paths, startStep, step, finalMetrics, best, seconds);
        }
    }

    /** The start line's word on the moving average of the weights. */
    static String describe(WeightAverage average) {
        return average.enabled() ? "evaluating a moving average of the weights (--moving_average_decay=" + average.decay() + ")"
                : "evaluating the raw weights (no moving average)";
    }

    private static String resumedAverage(WeightAverage average, TrainingState.Restored restored) {
        if (!average.enabled() || restored.averageRestored()) {
            return describe(average);
        }
        return describe(average) + ", restarted from the restored weights (the checkpoint has none)";
    }

    /** What this run records about itself in the provenance of its checkpoints and models. */
    private RunFacts runFacts(DeviceSelection selection, long seed, long startStep) throws IOException {
        String backend = selection.gpu() ? selection.backend().name() : Backends.forDevice(Device.CPU).name();
        return new RunFacts(Instant.now(), commandLine, config.toArguments(), seed, startStep, selection.description(), backend,
                Parallel.threads(), ShardList.expand(List.of(config.trainingDataPath()), FileSystems.defaults()),
                ShardList.expand(List.of(config.validationDataPath()), FileSystems.defaults()));
    }

    /** Where the training loop ended (max_steps, or earlier when asked to stop), and the training images it skipped. */
    private record Trained(long step, MetricsSnapshot lastEvaluation, String skippedSummary) {
    }

    private Trained train(Model model, Optimizer optimizer, WeightAverage average, CheckpointManager checkpoints, Evaluation evaluation,
                          BestModelExport bestModel, ProvenanceRecorder provenance, long seed, long step) throws IOException {
        LearningRateSchedule schedule = config.learningRateSchedule();
        TrainingStep trainingStep = new TrainingStep(model, optimizer, config.labelSmoothing(), config.weightDecay(), seed, parallel,
                average);
        long evalEvery = config.effectiveEvalEverySteps();
        long checkpointEvery = config.effectiveCheckpointEverySteps();
        long summaryEvery = Math.max(1, Math.min(100, config.maxSteps() / 100));
        ProgressReporter progress = ProgressReporter.toStandardOutput(config.maxSteps(), config.trainBatchSize());
        MetricsSnapshot last = null;
        String skipped;
        try (TrainingInput input = trainingInput(seed, step)) {
            progress.start(step);
            long stepNanos = 0;
            long summaryStart = System.nanoTime();
            long summaryFromStep = step;
            while (step < config.maxSteps()) {
                double learningRate = schedule.at(step);
                Batch batch = input.next();
                long stepStart = System.nanoTime();
                TrainingStep.Losses losses = trainingStep.run(batch, step, learningRate);
                stepNanos += System.nanoTime() - stepStart;
                step++;
                FaultPoints.reach(FaultPoints.TRAINING_STEP);
                progress.step(step, losses.total(), learningRate);
                if (step % summaryEvery == 0 || step == config.maxSteps()) {
                    double seconds = (System.nanoTime() - summaryStart) / 1e9;
                    Map<String, Double> scalars = new LinkedHashMap<>();
                    scalars.put(TrainingEvents.LOSS, losses.total());
                    scalars.put(TrainingEvents.LEARNING_RATE, learningRate);
                    scalars.put(TrainingEvents.IMAGES_PER_SEC, (step - summaryFromStep) * (double) config.trainBatchSize() / seconds);
                    scalars.put(TrainingEvents.GLOBAL_STEP_PER_SEC, (step - summaryFromStep) / seconds);
                    evaluation.events().train().scalars(step, scalars);
                    summaryStart = System.nanoTime();
                    summaryFromStep = step;
                }
                boolean end = step == config.maxSteps();
                // A stop is honoured after this step's regular evaluation, so the resumed job
                // has seen every evaluation an uninterrupted one would have.
                boolean stopping = !end && parallel.anyStop(env.stop().shouldStop(step));
                boolean evaluate = step % evalEvery == 0 || end;
                boolean checkpoint = step % checkpointEvery == 0 || end || stopping;
                if (evaluate || checkpoint) {
                    progress.pause();
                    if (end) {
                        // The last checkpoint and a model exported now list every input hash.
                        provenance.awaitHashes(out);
                    }
                    if (evaluate) {
                        last = evaluation.run(step);
                    }
                    if (checkpoint) {
                        String prefix = checkpoints.save(step, TrainingState.capture(model, optimizer, average, step, seed,
                                config.imageSize(), config.cropSettings(), bestModel.best()));
                        provenance.checkpointSaved(step);
                        out.println((stopping ? "asked to stop: saved checkpoint " : "saved checkpoint ") + prefix);
                    }
                    progress.resume();
                    summaryStart = System.nanoTime();
                    summaryFromStep = step;
                }
                if (stopping) {
                    break;
                }
            }
            skipped = input.skippedSummary();
            String communication = parallel.communicationSummary(stepNanos);
            if (communication != null) {
                out.println(communication);
            }
        }
        progress.finish(step);
        return new Trained(step, last, skipped);
    }

    /** The per-class reports of the job's evaluations, written into {@code folder}; lines start with {@code prefix}. */
    TrainingReports reports(String prefix, String folder) {
        return reports(config, out, prefix, folder);
    }

    static TrainingReports reports(TrainingConfig config, PrintStream out, String prefix, String folder) {
        ClassNames names = TrainingReports.namesBesideData(config.validationDataPath(), config.numClasses(), FileSystems.defaults(), out, prefix);
        return new TrainingReports(new ReportFolders(folder, FileSystems.defaults()), names,
                config.modelType() + " on " + config.validationDataPath(), out, prefix);
    }

    /** The validation images of every evaluation (this rank's slice of each batch with several ranks). */
    EvaluationData evaluationData(long seed, Preflight.Data data) {
        return evaluationData(config, parallel, seed, data);
    }

    /** As above for any job of {@code config}'s arguments (the evaluator task's too). */
    static EvaluationData evaluationData(TrainingConfig config, DataParallel parallel, long seed, Preflight.Data data) {
        return new EvaluationData(parallel.evaluation(pipelineConfig(config, config.validationDataPath(), seed, config.trainBatchSize()))
                .numEvalImages(config.numEvalImages()).skipUndecodable(config.skipBadImages()).build(), () -> preprocessor(config),
                config.imageSize(), data.evalBatches());
    }

    /** The training batches from {@code step} on (this rank's share with several ranks). */
    TrainingInput trainingInput(long seed, long step) throws IOException {
        return new TrainingInput(parallel.training(pipelineConfig(config, config.trainingDataPath(), seed,
                parallel.trainingPipelineBatch(config.trainBatchSize()))).skipUndecodable(config.skipBadImages()).build(),
                preprocessor(config), step, out);
    }

    private static PipelineConfig.Builder pipelineConfig(TrainingConfig config, String pattern, long seed, int batchSize) {
        // --threads sizes the decoders as it sizes the compute pool (command.Threads has the rule).
        return PipelineConfig.builder(List.of(pattern), batchSize, config.numClasses())
                .labelBase(config.labelBase() == 1 ? LabelBase.ONE : LabelBase.ZERO)
                .workers(Parallel.threads())
                .seed(seed);
    }

    private static ExamplePreprocessor preprocessor(TrainingConfig config) {
        return new ReferenceExamplePreprocessor(new ImagePreprocessor(config.imageSize(), config.cropSettings()));
    }
}

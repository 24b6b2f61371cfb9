package dev.imgcls.train.loop;

import dev.imgcls.nn.Model;
import dev.imgcls.nn.ModelFactory;
import dev.imgcls.nn.optim.Optimizer;
import dev.imgcls.nn.optim.WeightAverage;
import dev.imgcls.nn.schedule.LearningRateSchedule;
import dev.imgcls.tensor.Device;
import dev.imgcls.train.cli.TrainingConfig;
import dev.imgcls.train.metrics.MetricsSnapshot;

import java.io.IOException;
import java.io.PrintStream;

/**
 * A rank other than the chief: it trains and evaluates in step with the chief, making the same
 * collective calls in the same order (state broadcast, one gradient all-reduce and one stop vote
 * per step, the evaluation sums), and writes nothing into the job directory: checkpoints,
 * {@code model/}, events, metrics and provenance are the chief's. It keeps the chief's moving
 * average of the weights too (the same shadows, the same updates), since it evaluates its slice of
 * every validation batch with the averages.
 */
final class WorkerRank {
    private final TrainingConfig config;
    private final JobEnvironment env;
    private final DataParallel parallel;
    private final JobPaths paths;
    private final TrainingJob job;
    private final PrintStream out;

    WorkerRank(TrainingConfig config, JobEnvironment env, DataParallel parallel, JobPaths paths, TrainingJob job) {
        this.config = config;
        this.env = env;
        this.parallel = parallel;
        this.paths = paths;
        this.job = job;
        this.out = env.out();
    }

    /** Runs to the chief's end; the report's best is null (the chief alone keeps the best model). */
    JobReport run(long t0, Preflight.Data data, Device device) throws IOException {
        Model model = ModelFactory.create(config.modelType(), config.numClasses(), config.seed());
        model.moveTo(device);
        Optimizer optimizer = config.optimizer().create(model.variables());
        WeightAverage average = WeightAverage.create(model.variables(), config.movingAverageDecay());
        long[] state = parallel.broadcastState(model, optimizer, average, 0, config.seed());
        long step = state[0];
        long seed = state[1];
        long startStep = step;
        out.printf("rank %d of %d: starting at step %d with the chief's weights%n", parallel.rank(), parallel.size(), step);
        EvaluationData evalData = job.evaluationData(seed, data);
        evalData.prepare();
        Evaluator evaluator = new Evaluator(evalData, config.labelSmoothing(), config.weightDecay(), parallel);
        MetricsSnapshot last = null;
        if (step >= config.maxSteps()) {
            last = evaluate(evaluator, model, average, step);
        } else {
            LearningRateSchedule schedule = config.learningRateSchedule();
            TrainingStep trainingStep = new TrainingStep(model, optimizer, config.labelSmoothing(), config.weightDecay(), seed, parallel,
                    average);
            long evalEvery = config.effectiveEvalEverySteps();
            try (TrainingInput input = job.trainingInput(seed, step)) {
                while (step < config.maxSteps()) {
                    trainingStep.run(input.next(), step, schedule.at(step));
                    step++;
                    boolean end = step == config.maxSteps();
                    // The same calls as the chief's loop: a vote after every step but the last, then the evaluation.
                    boolean stopping = !end && parallel.anyStop(env.stop().shouldStop(step));
                    if (step % evalEvery == 0 || end) {
                        last = evaluate(evaluator, model, average, step);
                    }
                    if (stopping) {
                        break;
                    }
                }
            }
        }
        out.printf("rank %d of %d: done at step %d%n", parallel.rank(), parallel.size(), step);
        return new JobReport(paths, startStep, step, step >= config.maxSteps() ? last : null, null, (System.nanoTime() - t0) / 1e9);
    }

    /** The chief's evaluation: with the averaged weights when the job averages them. */
    private static MetricsSnapshot evaluate(Evaluator evaluator, Model model, WeightAverage average, long step) throws IOException {
        try (WeightAverage.Swap averaged = average.swapIn()) {
            return evaluator.evaluate(model, step);
        }
    }
}

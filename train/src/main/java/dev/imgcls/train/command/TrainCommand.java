package dev.imgcls.train.command;

import dev.imgcls.dist.Collective;
import dev.imgcls.dist.Collectives;
import dev.imgcls.dist.RankDiscovery;
import dev.imgcls.train.cli.ArgumentException;
import dev.imgcls.train.cli.ParsedArguments;
import dev.imgcls.train.cli.TrainingArguments;
import dev.imgcls.train.cli.TrainingConfig;
import dev.imgcls.train.loop.EvaluatorTask;
import dev.imgcls.train.loop.JobEnvironment;
import dev.imgcls.train.loop.JobReport;
import dev.imgcls.train.loop.TrainingJob;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** {@code imgcls train --training_data_path=… …}: the reference training job. */
final class TrainCommand implements Command {
    /** Set to 1 to have a failed job print the Java exception and its stack after its one-line message. */
    static final String DEBUG_VARIABLE = "IMGCLS_DEBUG";

    @Override
    public String name() {
        return "train";
    }

    @Override
    public String summary() {
        return "train a model (the default; the reference page's arguments, see imgcls train --help)";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, System.getenv());
    }

    /** With an explicit environment (the metric file variables), for tests and the demo. */
    static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> environment) {
        TrainingConfig config;
        try {
            ParsedArguments parsed = TrainingArguments.parse(args);
            if (parsed instanceof ParsedArguments.Help help) {
                out.print(help.text());
                return 0;
            }
            config = ((ParsedArguments.Run) parsed).config();
        } catch (ArgumentException e) {
            e.problems().forEach(p -> err.println("error: " + p));
            return 2;
        }
        RankDiscovery.Result where;
        try {
            where = RankDiscovery.discover(environment);
        } catch (IllegalArgumentException e) {
            err.println("error: cannot tell this process's rank: " + e.getMessage());
            return 2;
        }
        if (where.nothingToDo()) {
            // A parameter server has nothing to do in all-reduce training.
            out.println(where.describe());
            return 0;
        }
        try {
            if (where.role() == RankDiscovery.Role.EVALUATOR) {
                out.println(where.describe() + ": evaluating the chief's checkpoints as they appear");
                Threads.configure(config.threads(), System.err);
                EvaluatorTask.run(config, out);
                return 0;
            }
            JobReport report = train(config, List.of(args), out, environment, where);
            return report.completed(config.maxSteps()) ? 0 : 1;
        } catch (ArgumentException e) {
            e.problems().forEach(p -> err.println("error: " + p));
            return 2;
        } catch (IOException | RuntimeException e) {
            err.println("error: " + JobErrorText.describe(e, config.jobDir()));
            if ("1".equals(environment.get(DEBUG_VARIABLE))) {
                // There is no verbosity flag; the Java details are for bug reports only.
                e.printStackTrace(err);
            }
            return 1;
        }
    }

    /**
     * Trains with the product's exporter and warm start; {@code commandLine} (the arguments as
     * given) goes into the provenance of the job's checkpoints and models. A shutdown of the process while it trains
     * (SIGTERM, as a preempted VM gets, or Ctrl-C) stops it after the current step with a
     * checkpoint, so that running the same command again continues the job.
     */
    static JobReport train(TrainingConfig config, List<String> commandLine, PrintStream out, Map<String, String> environment)
            throws IOException {
        return train(config, commandLine, out, environment, RankDiscovery.discover(environment));
    }

    /** As above, as rank {@code where} of a data-parallel job: the ranks meet through the engine that launched them. */
    private static JobReport train(TrainingConfig config, List<String> commandLine, PrintStream out, Map<String, String> environment,
            RankDiscovery.Result where) throws IOException {
        Threads.configure(config.threads(), System.err);
        Collectives.Options options = new Collectives.Options(java.time.Duration.ofSeconds(config.collectiveTimeoutSeconds()),
                Collectives.Options.DEFAULT_CHUNK_ELEMENTS);
        try (Collective collective = Collectives.open(where, options);
                ShutdownStop stop = ShutdownStop.install()) {
            if (collective.size() > 1) {
                out.println("ranks: " + where.describe() + "; " + collective.describe());
            }
            JobEnvironment env = new JobEnvironment(out, environment, Exporters.savedModel(), Exporters.warmStart(), stop);
            return TrainingJob.run(config, commandLine, env.withCollective(collective));
        }
    }
}

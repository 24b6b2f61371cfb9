package dev.imgcls.train.loop;

import dev.imgcls.dist.Collective;
import dev.imgcls.dist.SingleProcess;
import dev.imgcls.tensor.Backends;
import dev.imgcls.tensor.spi.Backend;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a training job takes from its surroundings besides its arguments.
 *
 * @param out where progress and messages go
 * @param environment the process environment ({@code CLOUD_ML_HP_METRIC_FILE}, {@code CLOUD_ML_TRIAL_ID})
 * @param exporter writes the best model's SavedModel
 * @param warmStarter loads {@code --pretrained_checkpoint_path} into a new job's model
 * @param stop whether to stop early (save a checkpoint and return) after a step
 * @param backends the backends {@code --device} chooses among ({@link Backends#all()}; tests supply their own)
 * @param collective the ranks of a data-parallel job ({@link SingleProcess} for one process); the job uses it, its creator closes it
 */
public record JobEnvironment(PrintStream out, Map<String, String> environment, ModelExporter exporter, WarmStarter warmStarter,
                             StopRequest stop, List<Backend> backends, Collective collective) {
    public JobEnvironment {
        Objects.requireNonNull(collective, "collective");
        Objects.requireNonNull(out, "out");
        environment = Map.copyOf(environment);
        Objects.requireNonNull(exporter, "exporter");
        Objects.requireNonNull(warmStarter, "warmStarter");
        Objects.requireNonNull(stop, "stop");
        backends = List.copyOf(backends);
    }

    /** A one-process job. */
    public JobEnvironment(PrintStream out, Map<String, String> environment, ModelExporter exporter, WarmStarter warmStarter,
                          StopRequest stop, List<Backend> backends) {
        this(out, environment, exporter, warmStarter, stop, backends, SingleProcess.INSTANCE);
    }

    /** This environment as rank {@code collective.rank()} of a data-parallel job. */
    public JobEnvironment withCollective(Collective collective) {
        return new JobEnvironment(out, environment, exporter, warmStarter, stop, backends, collective);
    }

    /** A job on this machine's backends. */
    public JobEnvironment(PrintStream out, Map<String, String> environment, ModelExporter exporter, WarmStarter warmStarter,
                          StopRequest stop) {
        this(out, environment, exporter, warmStarter, stop, Backends.all());
    }

    /** A job that runs to max_steps unless it fails. */
    public JobEnvironment(PrintStream out, Map<String, String> environment, ModelExporter exporter, WarmStarter warmStarter) {
        this(out, environment, exporter, warmStarter, StopRequest.NEVER, Backends.all());
    }
}

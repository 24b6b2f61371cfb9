package dev.imgcls.train.loop;

import java.io.PrintStream;
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
 */
public record JobEnvironment(PrintStream out, Map<String, String> environment, ModelExporter exporter, WarmStarter warmStarter,
                             StopRequest stop) {
    public JobEnvironment {
        Objects.requireNonNull(out, "out");
        environment = Map.copyOf(environment);
        Objects.requireNonNull(exporter, "exporter");
        Objects.requireNonNull(warmStarter, "warmStarter");
        Objects.requireNonNull(stop, "stop");
    }

    /** A job that runs to max_steps unless it fails. */
    public JobEnvironment(PrintStream out, Map<String, String> environment, ModelExporter exporter, WarmStarter warmStarter) {
        this(out, environment, exporter, warmStarter, StopRequest.NEVER);
    }
}

package dev.imgcls.tune.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a launcher needs to start one trial's training run.
 *
 * @param trialId     the trial's id (also in {@code environment} as CLOUD_ML_TRIAL_ID)
 * @param arguments   the trainer's arguments (after the launcher's own command prefix)
 * @param environment variables to add to the run's environment
 * @param trialDir    the trial's job dir
 * @param logFile     where the run's stdout and stderr go (appended)
 */
public record TrialRequest(int trialId, List<String> arguments, Map<String, String> environment, Path trialDir,
        Path logFile) {

    public TrialRequest {
        arguments = List.copyOf(arguments);
        environment = Map.copyOf(environment);
    }
}

package dev.imgcls.train.provenance;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a run of a training job knows about itself when it starts, for its provenance record.
 *
 * @param commandLine the arguments exactly as given to {@code imgcls train}, or null for a job
 *        started from code
 * @param arguments every flag's effective value, defaults included, as {@code --name=value}
 *        ({@code TrainingConfig.toArguments()})
 * @param seed the job's seed: {@code --seed} for a new job, the checkpoint's for a resumed one
 * @param startStep the global step the run starts at (0, or the checkpoint it resumes from)
 * @param device the one line the job prints about its device
 * @param backend the name of the backend the job's ops run on
 * @param trainingShards the files {@code --training_data_path} matched, as the job reads them
 * @param validationShards the files {@code --validation_data_path} matched
 */
public record RunFacts(Instant started, List<String> commandLine, List<String> arguments, long seed, long startStep, String device,
                       String backend, int computeThreads, List<String> trainingShards, List<String> validationShards) {
    public RunFacts {
        Objects.requireNonNull(started, "started");
        commandLine = commandLine == null ? null : List.copyOf(commandLine);
        arguments = List.copyOf(arguments);
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(backend, "backend");
        trainingShards = List.copyOf(trainingShards);
        validationShards = List.copyOf(validationShards);
    }
}

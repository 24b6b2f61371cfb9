package dev.imgcls.tune;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a study runs with: the tune command's own settings, and the training arguments every trial
 * shares. The command line is parsed by the trainer's command layer, which builds this record.
 *
 * @param config            the study spec file ({@code --config})
 * @param jobDir            the study directory ({@code --job-dir}); trial n runs in {@code <job-dir>/n}
 * @param seed              the search's seed ({@code --seed}); empty = the stored one, or 0 for a new study
 * @param trainerCommand    the command that starts a training run ({@code --trainer_command}), if given
 * @param pollInterval      how often running trials are checked ({@code --poll_seconds})
 * @param threads           the compute threads of the whole study, divided among its parallel trials
 * @param trainerArguments  the training arguments passed to every trial, as {@code --name=value} tokens
 */
public record TuneOptions(Path config, Path jobDir, OptionalLong seed, Optional<String> trainerCommand,
        Duration pollInterval, int threads, List<String> trainerArguments) {

    public static final Duration DEFAULT_POLL = Duration.ofSeconds(2);
    static final Duration MAX_POLL = Duration.ofHours(1);

    public TuneOptions {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(jobDir, "jobDir");
        if (pollInterval.isNegative() || pollInterval.isZero() || pollInterval.compareTo(MAX_POLL) > 0) {
            throw new IllegalArgumentException("--poll_seconds must be in (0, 3600], got "
                    + pollInterval.toMillis() / 1000.0);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("a study needs at least one thread, got " + threads);
        }
        trainerArguments = List.copyOf(trainerArguments);
    }

    /**
     * The study directory named by {@code --job-dir}: it must be local, since the study file and the trials'
     * metric files are read while trials run.
     */
    public static Path localJobDir(String jobDir) {
        if (jobDir.startsWith("gs://")) {
            throw new IllegalArgumentException("--job-dir must be a local directory for tune (got " + jobDir
                    + "): the study file and the trials' metric files are read while trials run");
        }
        return Path.of(jobDir);
    }

    /** {@code --poll_seconds} as a duration: at least a millisecond. */
    public static Duration pollSeconds(double seconds) {
        if (!(seconds > 0) || seconds > MAX_POLL.toSeconds()) {
            throw new IllegalArgumentException("--poll_seconds must be in (0, 3600], got " + seconds);
        }
        return Duration.ofMillis(Math.max(1, Math.round(seconds * 1000)));
    }
}

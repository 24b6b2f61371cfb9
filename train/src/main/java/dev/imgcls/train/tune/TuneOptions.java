package dev.imgcls.train.tune;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The tune command's own options; every other argument is a training argument shared by all trials.
 *
 * @param help              {@code --help} was given
 * @param config            the study spec file ({@code --config})
 * @param jobDir            the study directory ({@code --job-dir}); trial n runs in {@code <job-dir>/n}
 * @param seed              the search's seed ({@code --seed}); empty = the stored one, or 0 for a new study
 * @param trainerCommand    the command that starts a training run ({@code --trainer_command}), if given
 * @param pollInterval      how often running trials are checked ({@code --poll_seconds})
 * @param trainerArguments  the remaining arguments, passed to every trial
 */
public record TuneOptions(boolean help, Path config, Path jobDir, OptionalLong seed, Optional<String> trainerCommand,
        Duration pollInterval, List<String> trainerArguments) {

    static final Duration DEFAULT_POLL = Duration.ofSeconds(2);

    /** Parses {@code --name=value} or {@code --name value} for the tune options; keeps the rest in order. */
    public static TuneOptions parse(String[] args) {
        boolean help = false;
        String config = null;
        String jobDir = null;
        OptionalLong seed = OptionalLong.empty();
        String trainerCommand = null;
        Duration poll = DEFAULT_POLL;
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                help = true;
                continue;
            }
            String name = a.startsWith("--") ? (a.contains("=") ? a.substring(2, a.indexOf('=')) : a.substring(2)) : "";
            if (!List.of("config", "job-dir", "job_dir", "seed", "trainer_command", "poll_seconds").contains(name)) {
                rest.add(a);
                continue;
            }
            String value;
            if (a.contains("=")) {
                value = a.substring(a.indexOf('=') + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
            switch (name) {
                case "config" -> config = value;
                case "job-dir", "job_dir" -> jobDir = value;
                case "seed" -> seed = OptionalLong.of(parseLong("--seed", value));
                case "trainer_command" -> trainerCommand = value;
                case "poll_seconds" -> poll = parsePoll(value);
                default -> throw new IllegalStateException("unhandled option " + name);
            }
        }
        if (help) {
            return new TuneOptions(true, null, null, seed, Optional.ofNullable(trainerCommand), poll, rest);
        }
        if (config == null || config.isBlank()) {
            throw new IllegalArgumentException("--config is required: the study spec (YAML or JSON)");
        }
        if (jobDir == null || jobDir.isBlank()) {
            throw new IllegalArgumentException("--job-dir is required: the study's directory");
        }
        if (jobDir.startsWith("gs://")) {
            throw new IllegalArgumentException("--job-dir must be a local directory for tune (got " + jobDir
                    + "): the study file and the trials' metric files are read while trials run");
        }
        return new TuneOptions(false, Path.of(config), Path.of(jobDir), seed, Optional.ofNullable(trainerCommand),
                poll, rest);
    }

    private static long parseLong(String option, String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a whole number, got '" + value + "'");
        }
    }

    private static Duration parsePoll(String value) {
        double seconds;
        try {
            seconds = Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--poll_seconds must be a number, got '" + value + "'");
        }
        if (!(seconds > 0) || seconds > 3600) {
            throw new IllegalArgumentException("--poll_seconds must be in (0, 3600], got " + value);
        }
        return Duration.ofMillis(Math.max(1, Math.round(seconds * 1000)));
    }
}

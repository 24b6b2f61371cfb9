package dev.imgcls.train.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * What every probe shares: the settings and their seeded random stream, the launcher, the data,
 * the uninterrupted reference job, the model checker and the table.
 */
final class SuiteContext {
    final SuiteSettings settings;
    final SplittableRandom random;
    final Path root;
    final TrainerLauncher launcher;
    final TinyJob job;
    final ModelCheck models;
    final ProbeTable table;
    /** Null when there is none; then {@link #otherUserMissing} says why. */
    final OtherUser otherUser;
    final String otherUserMissing;
    /** Lock files left by killed trainers, across all jobs, and how they were taken over. */
    final StaleLocks staleLocks = new StaleLocks();
    private Reference reference;
    private int jobs;

    static final class StaleLocks {
        int left;
        int takenOver;
        final java.util.List<String> problems = new java.util.ArrayList<>();
    }

    /** The uninterrupted run every faulted job must end identical to. */
    record Reference(Path dir, JobState state, Trace trace, double seconds) {
    }

    SuiteContext(SuiteSettings settings, Path root, TrainerLauncher launcher, TinyJob job, OtherUser otherUser,
                 String otherUserMissing, ProbeTable table) throws IOException {
        this.settings = settings;
        this.random = new SplittableRandom(settings.seed());
        this.root = root;
        this.launcher = launcher;
        this.job = job;
        this.models = new ModelCheck();
        this.table = table;
        this.otherUser = otherUser;
        this.otherUserMissing = otherUserMissing;
    }

    Reference reference() {
        if (reference == null) {
            throw new IllegalStateException("the reference run has not been made");
        }
        return reference;
    }

    void reference(Reference r) {
        reference = r;
    }

    /** A fresh, not yet existing job directory. */
    Path newJobDir(String name) throws IOException {
        return Files.createDirectories(root.resolve("jobs")).resolve(name + "-" + (++jobs));
    }

    /** Where a job's fault-point trace goes: beside the jobs, never inside a job directory. */
    Path traceFile(Path jobDir) throws IOException {
        return Files.createDirectories(root.resolve("traces")).resolve(jobDir.getFileName() + "-" + (++jobs) + ".trace");
    }

    /** The tiny job in {@code jobDir}, its tuning metric file inside the suite's folder. */
    Launch launch(Path jobDir) {
        return Launch.of(job.args(jobDir.toString()), root).env(Map.of("CLOUD_ML_HP_METRIC_FILE",
                root.resolve("metrics").resolve(jobDir.getFileName() + ".metrics").toString()));
    }

    /** Generous: the reference time several times over (two cores shared with other work). */
    long timeoutSeconds() {
        return reference == null ? 600 : 120 + (long) (6 * reference.seconds());
    }
}

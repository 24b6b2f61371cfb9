package dev.imgcls.train.faults;

import java.util.Set;

/**
 * What may stay in a finished job directory besides the files an uninterrupted run leaves, in
 * one place so that it follows the trainer's documented layout: hidden names that are not
 * debris, and the files that legitimately differ between runs of one job.
 */
final class JobDirectoryRules {
    /**
     * Hidden entries a finished job may keep: the folder of model versions that {@code model}
     * links into (VersionedDirectory), which must then hold only the version in use. The lock
     * file {@code .imgcls.lock} is deleted by its owner at the end, so it is not listed.
     */
    static final String MODEL_VERSIONS = ".model.versions";
    /** The job-dir lock file: left behind by a killed trainer, taken over by the next one. */
    static final String LOCK_FILE = ".imgcls.lock";
    static final Set<String> ALLOWED_HIDDEN = Set.of(MODEL_VERSIONS);
    /** TensorBoard event files: one per run of the job, named by time and host. */
    static final String EVENT_FILE_PREFIX = "events.out.tfevents.";
    /** The checkpoint state file, whose timestamps differ between runs; its paths must not. */
    static final String CHECKPOINT_STATE = "checkpoint";
    /**
     * The provenance record ({@code checkpoints/} and the model's {@code assets.extra/}): it lists
     * each run of the job with its start time, so a resumed job's differs by design.
     */
    static final String PROVENANCE = "provenance.json";
    static final String CHECKPOINTS = "checkpoints";
    static final String MODEL = "model";
    static final String CHECKPOINT_PREFIX = "model.ckpt-";

    private JobDirectoryRules() {
    }

    static boolean hidden(String name) {
        return name.startsWith(".");
    }
}

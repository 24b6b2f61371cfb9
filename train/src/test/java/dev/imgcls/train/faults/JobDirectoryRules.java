package dev.imgcls.train.faults;

import java.util.Set;

/**
 * What may stay in a finished job directory besides the files an uninterrupted run leaves, in
 * one place so that it follows the trainer's documented layout: hidden names that are not
 * debris, and the files that legitimately differ between runs of one job.
 */
final class JobDirectoryRules {
    /**
     * Hidden entries a finished job may keep. The folder {@code model} links to is allowed
     * separately, whatever its name; the job-dir lock file is listed here once its name is
     * documented as one that stays.
     */
    static final Set<String> ALLOWED_HIDDEN = Set.of();
    /** TensorBoard event files: one per run of the job, named by time and host. */
    static final String EVENT_FILE_PREFIX = "events.out.tfevents.";
    /** The checkpoint state file, whose timestamps differ between runs; its paths must not. */
    static final String CHECKPOINT_STATE = "checkpoint";
    static final String CHECKPOINTS = "checkpoints";
    static final String MODEL = "model";
    static final String CHECKPOINT_PREFIX = "model.ckpt-";

    private JobDirectoryRules() {
    }

    static boolean hidden(String name) {
        return name.startsWith(".");
    }
}

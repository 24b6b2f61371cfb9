package dev.imgcls.train.faults;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the suite reads from the trainer's progress output: model exports and checkpoints reported done, locks taken over. */
final class TrainerOutput {
    static final String EXPORTED = "exported the best model so far";
    /** What a trainer says when it takes over the lock file of one that died. */
    static final String LOCK_TAKEN_OVER = "from a trainer that is no longer running";
    private static final Pattern SAVED = Pattern.compile("saved checkpoint \\S*model\\.ckpt-(\\d+)");

    private TrainerOutput() {
    }

    static boolean exported(String out) {
        return out.contains(EXPORTED);
    }

    /** The newest checkpoint step reported saved, or -1. */
    static long newestSaved(String out) {
        long newest = -1;
        Matcher m = SAVED.matcher(out);
        while (m.find()) {
            newest = Math.max(newest, Long.parseLong(m.group(1)));
        }
        return newest;
    }
}

package dev.imgcls.train.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One user runs a job, then another user runs the same command (relative {@code --job-dir},
 * no tuning variables, each in its own folder) on the same machine: both must succeed — nothing
 * shared between jobs, such as a default metric file, may belong to the first — and each job's
 * files must have the permissions of its umask (022 for the first, 077 for the second).
 */
final class TwoUsersProbe {
    static final String GROUP = "users";

    private TwoUsersProbe() {
    }

    static void run(SuiteContext ctx) throws IOException, InterruptedException {
        String expectation = "both succeed, identical to the reference; files/dirs 0644/0755 (umask 022), 0600/0700 (umask 077)";
        if (ctx.otherUser == null) {
            ctx.table.skip(GROUP, "same command by root, then " + OtherUser.NAME, expectation, ctx.otherUserMissing);
            return;
        }
        Path theirs = Files.createDirectories(ctx.root.resolve("users").resolve(OtherUser.NAME));
        ctx.otherUser.own(theirs);
        List<String> failures = new ArrayList<>();
        // The first user's run is the reference run (root, umask 022, the same arguments).
        RunResult second = ctx.launcher.start(Launch.of(ctx.job.args(ReferenceRun.FIRST_USER_JOB), theirs).umask("077").asOtherUser())
                .await(ctx.timeoutSeconds());
        permissions("first (root, umask 022)", ctx.reference().dir(), "rw-r--r--", "rwxr-xr-x", failures);
        if (second.status() != 0) {
            failures.add("second (" + OtherUser.NAME + ", umask 077) failed: " + second.describe());
        } else {
            Path job = theirs.resolve(ReferenceRun.FIRST_USER_JOB);
            JobState.of(job).differences(ctx.reference().state()).forEach(d -> failures.add("second: final state: " + d));
            permissions("second (" + OtherUser.NAME + ", umask 077)", job, "rw-------", "rwx------", failures);
        }
        String outcome = "first exit 0, second exit " + second.status()
                + (second.status() != 0 ? ": " + ErrorText.shortError(second) : "");
        ctx.table.record(GROUP, "same command by root, then " + OtherUser.NAME, expectation, CrashHookProbe.clip(outcome), failures);
    }

    private static void permissions(String who, Path jobDir, String file, String dir, List<String> failures) throws IOException {
        List<Path> all;
        try (Stream<Path> walk = Files.walk(jobDir)) {
            all = walk.toList();
        }
        List<String> wrong = new ArrayList<>();
        for (Path p : all) {
            if (Files.isSymbolicLink(p)) {
                continue; // a link's own mode means nothing on Linux
            }
            String perms = PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
            String want = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? dir : file;
            if (!perms.equals(want)) {
                wrong.add(jobDir.relativize(p) + " " + perms);
            }
        }
        if (!wrong.isEmpty()) {
            failures.add(who + ": " + wrong.size() + " of " + all.size() + " entries not " + file + "/" + dir + ": "
                    + wrong.subList(0, Math.min(8, wrong.size())));
        }
    }
}

package dev.imgcls.train.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Paths the trainer cannot use: a job directory it cannot create or write, training data it
 * cannot read. Root ignores permissions, so as root these run as the other user; otherwise as
 * this one. Each must end with one clean line that names the path.
 */
final class PathProbes {
    static final String GROUP = "paths";
    private static final String EXPECTATION = "exit != 0, one clean line naming the path";
    /** How an error can say a file is unreadable. */
    private static final java.util.regex.Pattern UNREADABLE = java.util.regex.Pattern.compile("(?i)permission|denied|not readable|cannot read|unreadable");

    private PathProbes() {
    }

    static void run(SuiteContext ctx) throws IOException, InterruptedException {
        jobDirUnderAFile(ctx);
        boolean root = ctx.otherUser != null || isRoot();
        if (root && ctx.otherUser == null) {
            ctx.table.skip(GROUP, "unwritable job dir / unreadable data", EXPECTATION, "root without another user: " + ctx.otherUserMissing);
            return;
        }
        unwritableJobDir(ctx);
        if (ctx.otherUser != null) {
            anotherUsersJob(ctx);
        }
        unreadableData(ctx);
    }

    private static void jobDirUnderAFile(SuiteContext ctx) throws IOException, InterruptedException {
        Path file = Files.writeString(ctx.root.resolve("plain-file"), "not a folder\n");
        Path jobDir = file.resolve("job");
        judge(ctx, "job dir below a regular file", file.getFileName().toString(), run(ctx, ctx.launch(jobDir)));
    }

    private static void unwritableJobDir(SuiteContext ctx) throws IOException, InterruptedException {
        Path parent = Files.createDirectories(ctx.root.resolve("read-only"));
        Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("r-xr-xr-x"));
        Path jobDir = parent.resolve("job");
        judge(ctx, "unwritable job dir" + asWhom(ctx), parent.getFileName().toString(), run(ctx, userLaunch(ctx, ctx.launch(jobDir))));
    }

    /** The same absolute --job-dir as a finished job of another user (the reference, root's): not ours to write. */
    private static void anotherUsersJob(SuiteContext ctx) throws IOException, InterruptedException {
        Path jobDir = ctx.reference().dir();
        JobState before = JobState.of(jobDir);
        RunResult r = run(ctx, userLaunch(ctx, ctx.launch(jobDir)));
        judge(ctx, "another user's job dir" + asWhom(ctx), jobDir.toString(), r);
        List<String> changed = JobState.of(jobDir).differences(before);
        if (!changed.isEmpty()) {
            ctx.table.fail(GROUP, "another user's job dir: left as it was", "the other user's job unchanged", changed.size() + " changes",
                    String.join("\n", changed));
        }
    }

    private static void unreadableData(SuiteContext ctx) throws IOException, InterruptedException {
        Path data = Files.createDirectories(ctx.root.resolve("locked-data"));
        Path source = Path.of(ctx.job.trainingPattern()).getParent();
        Path shard;
        try (var list = Files.list(source)) {
            for (Path p : list.toList()) {
                Files.copy(p, data.resolve(p.getFileName()));
            }
        }
        OtherUser.makeReadable(data);
        shard = data.resolve("train-00000-of-00002");
        Files.setPosixFilePermissions(shard, PosixFilePermissions.fromString("---------"));
        Path jobs = writableJobsDir(ctx);
        Launch launch = Launch.of(ctx.job.args(jobs.resolve("job").toString(), data.resolve("train-*").toString(),
                data.resolve("validation-*").toString()), ctx.root);
        RunResult r = run(ctx, userLaunch(ctx, launch));
        judge(ctx, "unreadable training shard" + asWhom(ctx), shard.getFileName().toString(), r);
        if (r.status() != 0 && !UNREADABLE.matcher(ErrorText.full(r)).find()) {
            ctx.table.fail(GROUP, "unreadable training shard: the reason", "the error says the file cannot be read (permission)",
                    CrashHookProbe.clip(ErrorText.shortError(r)), "names the file but not why it failed: " + ErrorText.full(r));
        }
    }

    /** A folder the probe's user may write jobs into (the other user's own when there is one). */
    static Path writableJobsDir(SuiteContext ctx) throws IOException, InterruptedException {
        Path jobs = Files.createDirectories(ctx.root.resolve("other-user-jobs"));
        if (ctx.otherUser != null) {
            ctx.otherUser.own(jobs);
        }
        return jobs;
    }

    private static Launch userLaunch(SuiteContext ctx, Launch launch) throws IOException, InterruptedException {
        if (ctx.otherUser == null) {
            return launch;
        }
        // The tuning metric file where the other user may write it: only the probed path may be unusable.
        Path metrics = writableJobsDir(ctx).resolve("hp.metrics");
        return launch.asOtherUser().env(Map.of("CLOUD_ML_HP_METRIC_FILE", metrics.toString()));
    }

    private static String asWhom(SuiteContext ctx) {
        return ctx.otherUser != null ? " (as " + OtherUser.NAME + ")" : "";
    }

    private static RunResult run(SuiteContext ctx, Launch launch) throws IOException, InterruptedException {
        return ctx.launcher.start(launch).await(ctx.timeoutSeconds());
    }

    private static void judge(SuiteContext ctx, String probe, String path, RunResult r) {
        List<String> failures = new ArrayList<>();
        String outcome;
        if (r.status() == 0 || r.timedOut()) {
            outcome = r.timedOut() ? "timed out" : "exit 0";
            failures.add("the job did not fail: " + r.describe());
        } else {
            outcome = ErrorText.shortError(r);
            failures.addAll(ErrorText.problems(r));
            if (!ErrorText.full(r).contains(path)) {
                failures.add("the error does not name " + path + ": " + outcome);
            }
        }
        ctx.table.record(GROUP, probe, EXPECTATION, CrashHookProbe.clip(outcome), failures);
    }

    static boolean isRoot() throws IOException, InterruptedException {
        return "0".equals(Shell.output("id", "-u").strip());
    }
}

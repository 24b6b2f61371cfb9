package dev.imgcls.train.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The uninterrupted run of {@link TinyJob}: the state every faulted job must end with, the trace
 * of fault points the crash probes choose from, and the time that scales the random kill instants.
 * It is also the first user's run of {@link TwoUsersProbe}: umask 022, {@code --job-dir=job}
 * relative to its own folder, no tuning variables.
 */
final class ReferenceRun {
    static final String GROUP = "reference";
    /** The relative job directory both users pass. */
    static final String FIRST_USER_JOB = "job";

    private ReferenceRun() {
    }

    /** Makes the reference run; false when it failed (then no other probe can be judged). */
    static boolean run(SuiteContext ctx) throws IOException, InterruptedException {
        Path cwd = Files.createDirectories(ctx.root.resolve("users").resolve("first"));
        Path dir = cwd.resolve(FIRST_USER_JOB);
        Path trace = ctx.traceFile(dir);
        RunResult r = ctx.launcher.start(Launch.of(ctx.job.args(FIRST_USER_JOB), cwd).umask("022").trace(trace))
                .await(ctx.timeoutSeconds());
        String expectation = "exit 0, model/ loadable, no debris, fault points traced";
        if (r.status() != 0) {
            ctx.table.fail(GROUP, "uninterrupted run", expectation, "exit " + r.status(), r.describe());
            return false;
        }
        Trace points = Trace.read(trace);
        List<String> failures = new ArrayList<>();
        String model = ctx.models.problem(dir, true);
        if (model != null) {
            failures.add(model);
        }
        DebrisScan.scan(dir, TinyJob.KEEP).forEach(d -> failures.add("debris: " + d));
        if (points.points().isEmpty()) {
            failures.add("no fault point was reached: the trainer has none (the crash probes cannot run)");
        }
        ctx.reference(new SuiteContext.Reference(dir, JobState.of(dir), points, r.seconds()));
        ctx.table.record(GROUP, "uninterrupted run", expectation, String.format("%.1f s, %d files, %d fault points %s", r.seconds(),
                ctx.reference().state().files().size(), points.counts().size(), points.counts()), failures);
        return true;
    }
}

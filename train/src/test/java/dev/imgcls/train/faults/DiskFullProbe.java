package dev.imgcls.train.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A real full disk: the job directory on a tmpfs of {@value #SHARE_PERCENT} % of what the
 * finished job occupies, so that it fills mid-job; the job must stop with one clean line, then,
 * with the file system enlarged, resume to the reference's final state and leave no debris.
 * Where no tmpfs can be mounted (not root, a container without the capability), the full disk is
 * injected at a checkpoint write instead.
 */
final class DiskFullProbe {
    static final String GROUP = EnospcHookProbe.GROUP;
    static final int SHARE_PERCENT = 60;

    private DiskFullProbe() {
    }

    static void run(SuiteContext ctx, Path referenceDir) throws IOException, InterruptedException {
        long full = size(referenceDir);
        long small = full * SHARE_PERCENT / 100;
        String[] why = new String[1];
        Tmpfs tmpfs = Tmpfs.mount(ctx.root.resolve("tmpfs"), small, why);
        if (tmpfs == null) {
            EnospcHookProbe.run(ctx, firstCheckpointPoint(ctx), why[0]);
            return;
        }
        String expectation = "one-line error about the full disk; after enlarging, resume byte-identical, no debris";
        String probe = String.format("job dir on a %.0f MB tmpfs (job needs %.0f MB)", small / 1e6, full / 1e6);
        List<String> failures = new ArrayList<>();
        String outcome;
        try (tmpfs) {
            FaultedJob job = new FaultedJob(ctx, tmpfs.dir.resolve("job"));
            RunResult r = job.runWith(null);
            if (r.status() == 0) {
                outcome = "the job fit: exit 0";
                failures.add("the disk did not fill up; the probe needs a smaller tmpfs");
            } else {
                outcome = ErrorText.shortError(r);
                failures.addAll(ErrorText.problems(r));
                if (!ErrorText.full(r).toLowerCase(Locale.ROOT).contains("space")) {
                    failures.add("the error does not say the disk is full: " + outcome);
                }
                tmpfs.resize(4 * full);
                job.finish();
            }
            job.finalProblems();
            failures.addAll(job.problems);
        }
        ctx.table.record(GROUP, probe, expectation, CrashHookProbe.clip(outcome), failures);
    }

    private static List<HookTargets.Target> firstCheckpointPoint(SuiteContext ctx) {
        return HookTargets.choose(ctx.reference().trace(), false, ctx.random).stream().limit(1).toList();
    }

    static long size(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}

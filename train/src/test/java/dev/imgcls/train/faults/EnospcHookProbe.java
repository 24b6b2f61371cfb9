package dev.imgcls.train.faults;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * "No space left on device" injected at fault points (where a tmpfs cannot be mounted, and at
 * every point in the full suite): the job stops with one clean line about the full disk (or
 * tolerates the failure and completes), and a resume ends identical to the reference.
 */
final class EnospcHookProbe {
    static final String GROUP = "disk full";

    private EnospcHookProbe() {
    }

    static void run(SuiteContext ctx, List<HookTargets.Target> targets, String why) throws IOException, InterruptedException {
        String expectation = "one-line error about the full disk (or completes); resumed job byte-identical, no debris";
        if (targets.isEmpty()) {
            ctx.table.fail(GROUP, "ENOSPC at a write point (" + why + ")", expectation, "no fault point reached by the reference",
                    "the reference trace has no point to fail at");
            return;
        }
        for (HookTargets.Target t : targets) {
            FaultedJob job = new FaultedJob(ctx, "enospc");
            RunResult r = job.runWith(t.spec("enospc"));
            List<String> failures = new ArrayList<>();
            String outcome;
            if (r.status() == 0) {
                outcome = "tolerated, job completed";
            } else {
                outcome = ErrorText.shortError(r);
                failures.addAll(ErrorText.problems(r));
                if (!ErrorText.full(r).toLowerCase(Locale.ROOT).contains("space")) {
                    failures.add("the error does not say the disk is full: " + outcome);
                }
                job.finish();
            }
            job.finalProblems();
            failures.addAll(job.problems);
            job.removeIfClean();
            ctx.table.record(GROUP, "ENOSPC at " + t.point() + "@" + t.occurrence() + " (" + why + ")", expectation,
                    CrashHookProbe.clip(outcome), failures);
        }
    }
}

package dev.imgcls.train.faults;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A crash (halt with status 137, as SIGKILL) at chosen fault points — inside a checkpoint
 * write, between the steps of the model switch — then a resume, judged like a random kill.
 */
final class CrashHookProbe {
    static final String GROUP = "crash hook";

    private CrashHookProbe() {
    }

    static void run(SuiteContext ctx) throws IOException, InterruptedException {
        String expectation = "exit 137 there; model/ loadable, no reported checkpoint lost; resumed job byte-identical, no debris";
        List<HookTargets.Target> targets = HookTargets.choose(ctx.reference().trace(), ctx.settings.full(), ctx.random);
        if (targets.isEmpty()) {
            ctx.table.fail(GROUP, "crash in a checkpoint write and in the model switch", expectation,
                    "no such fault point reached: " + ctx.reference().trace().counts().keySet(),
                    "the reference trace has no point to crash at; the trainer needs FaultPoints.reach calls");
            return;
        }
        if (!ctx.settings.full() && targets.size() < 2) {
            ctx.table.fail(GROUP, "crash in a checkpoint write and in the model switch", expectation,
                    "only " + targets + " found in " + ctx.reference().trace().counts().keySet(),
                    "no fault point inside a checkpoint write or in the model switch");
        }
        for (HookTargets.Target t : targets) {
            FaultedJob job = new FaultedJob(ctx, "crash");
            RunResult r = job.runWith(t.spec("crash"));
            List<String> failures = new ArrayList<>();
            String outcome;
            if (r.status() != RunResult.KILLED) {
                outcome = "not reached: exit " + r.status();
                failures.add("the crash point was not reached: " + r.describe());
            } else {
                job.finish();
                job.finalProblems();
                failures.addAll(job.problems);
                outcome = failures.isEmpty() ? "crashed, loadable, resumed identical" : failures.size() + " problems: " + failures.get(0);
            }
            job.removeIfClean();
            ctx.table.record(GROUP, "crash at " + t.point() + "@" + t.occurrence(), expectation, clip(outcome), failures);
        }
    }

    static String clip(String s) {
        return s.length() > 160 ? s.substring(0, 157) + "..." : s;
    }
}

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
    private static final String EXPECTATION = "exit 137 there; model/ loadable, no reported checkpoint lost";

    private CrashHookProbe() {
    }

    /** Full suite: a job per target, each resumed and compared. */
    static void separateJobs(SuiteContext ctx) throws IOException, InterruptedException {
        for (HookTargets.Target t : targets(ctx)) {
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
                outcome = failures.isEmpty() ? "crashed; loadable, nothing lost; resumed identical, no debris"
                        : failures.size() + " problems: " + failures.get(0);
            }
            job.removeIfClean();
            ctx.table.record(GROUP, "crash at " + t.point() + "@" + t.occurrence(), EXPECTATION + "; resumed job byte-identical, no debris",
                    clip(outcome), failures);
        }
    }

    /**
     * Small suite: the crashes in turn on one job, which {@link RandomKillProbe} then kills at
     * random instants and resumes; its final state is judged there.
     */
    static void inJob(SuiteContext ctx, FaultedJob job) throws IOException, InterruptedException {
        for (HookTargets.Target t : targets(ctx)) {
            RunResult r = job.runWith(t.spec("crash"));
            List<String> failures = new ArrayList<>();
            String outcome;
            if (r.status() != RunResult.KILLED) {
                outcome = "not reached: exit " + r.status();
                failures.add("the crash point was not reached: " + r.describe());
            } else {
                failures.addAll(job.lastDeath);
                outcome = failures.isEmpty() ? "crashed; model/ loadable, nothing lost" : failures.get(0);
            }
            ctx.table.record(GROUP, "crash at " + t.point() + "@" + t.occurrence(), EXPECTATION + " (job resumed below)",
                    clip(outcome), failures);
        }
    }

    private static List<HookTargets.Target> targets(SuiteContext ctx) {
        List<HookTargets.Target> targets = HookTargets.choose(ctx.reference().trace(), ctx.settings.full(), ctx.random);
        if (!ctx.settings.full() && targets.size() < 2) {
            ctx.table.fail(GROUP, "crash in a checkpoint write and in the model switch", EXPECTATION,
                    "found only " + targets + " in " + ctx.reference().trace().counts().keySet(),
                    "no fault point inside a checkpoint write or in the model switch: the trainer needs FaultPoints.reach calls there");
        }
        return targets;
    }

    static String clip(String s) {
        return s.length() > 160 ? s.substring(0, 157) + "..." : s;
    }
}

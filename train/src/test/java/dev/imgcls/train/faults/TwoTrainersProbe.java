package dev.imgcls.train.faults;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Two trainers on one job directory: the second must fail at once with one line naming the
 * first one's pid and host, and the first must finish as if alone. The first is held with
 * SIGSTOP while the second runs, so the outcome does not depend on timing.
 */
final class TwoTrainersProbe {
    static final String GROUP = "job-dir lock";
    /** Generous for a JVM start and a refusal on two busy cores. */
    private static final long SECOND_TRAINER_SECONDS = 60;

    private TwoTrainersProbe() {
    }

    /** Rows for the lock files killed trainers left in the kill probes: each must be taken over by the next run. */
    static void staleLocks(SuiteContext ctx) {
        SuiteContext.StaleLocks locks = ctx.staleLocks;
        List<String> failures = new ArrayList<>(locks.problems);
        if (locks.left == 0) {
            failures.add("no kill left a lock file: the trainer takes no lock, or the kills all landed before it");
        }
        ctx.table.record(GROUP, "lock files left by killed trainers", "the next run takes each over and says so",
                locks.left + " left, " + locks.takenOver + " taken over", failures);
    }

    static void run(SuiteContext ctx) throws IOException, InterruptedException {
        String expectation = "second fails at once, one line naming the first's pid and host; first completes identical";
        FaultedJob job = new FaultedJob(ctx, "two-trainers");
        TrainerProcess first = ctx.launcher.start(ctx.launch(job.dir));
        List<String> failures = new ArrayList<>();
        long deadline = System.nanoTime() + ctx.timeoutSeconds() * 1_000_000_000L;
        while (first.isAlive() && !first.outSoFar().contains("new job in") && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        if (!first.isAlive()) {
            RunResult r = first.await(1);
            ctx.table.fail(GROUP, "two trainers, one job dir", expectation, "the first ended before the second started",
                    r.describe());
            return;
        }
        first.signal("STOP");
        RunResult second;
        try {
            second = ctx.launcher.start(ctx.launch(job.dir)).await(SECOND_TRAINER_SECONDS);
        } finally {
            first.signal("CONT");
        }
        RunResult firstResult = first.await(ctx.timeoutSeconds());
        String host = InetAddress.getLocalHost().getHostName();
        String outcome;
        if (second.timedOut()) {
            outcome = "the second did not stop within " + SECOND_TRAINER_SECONDS + " s";
            failures.add(outcome);
        } else if (second.status() == 0) {
            outcome = "the second ran: exit 0";
            failures.add("the second trainer was not refused: " + second.describe());
        } else {
            outcome = ErrorText.shortError(second);
            failures.addAll(ErrorText.problems(second));
            String error = ErrorText.full(second);
            if (!error.contains(Long.toString(first.pid())) || !error.contains(host)) {
                failures.add("the error does not name the first trainer (pid " + first.pid() + ", host " + host + "): " + outcome);
            }
        }
        if (firstResult.status() != 0) {
            failures.add("the first trainer did not complete: " + firstResult.describe());
        } else {
            failures.addAll(job.finalProblems());
            job.removeIfClean();
        }
        ctx.table.record(GROUP, "two trainers, one job dir", expectation, CrashHookProbe.clip(outcome), failures);
    }
}

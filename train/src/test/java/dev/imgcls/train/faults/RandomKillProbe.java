package dev.imgcls.train.faults;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * SIGKILL at seeded random instants: each job is killed a few times at delays drawn up to the
 * reference run's duration, checked after every kill, then resumed to the end and compared.
 * Jobs are started until the wanted number of kills is reached.
 */
final class RandomKillProbe {
    static final String GROUP = "kill -9";
    private static final long MIN_DELAY_MILLIS = 200;

    private RandomKillProbe() {
    }

    /** @param first a job to go on with (the small suite's crashed job), or null */
    static void run(SuiteContext ctx, FaultedJob first) throws IOException, InterruptedException {
        int wanted = ctx.settings.randomKills();
        int perJob = ctx.settings.full() ? 5 : wanted;
        long maxDelay = Math.max(MIN_DELAY_MILLIS + 1, (long) (ctx.reference().seconds() * 1000));
        int kills = 0;
        int jobs = 0;
        int unloadable = 0;
        int lost = 0;
        int differing = 0;
        int withDebris = 0;
        long shortest = Long.MAX_VALUE;
        long longest = 0;
        List<String> failures = new ArrayList<>();
        int hookKills = first == null ? 0 : first.kills;
        FaultedJob next = first;
        while (next != null || (kills < wanted && jobs < 4 * wanted)) {
            FaultedJob job = next != null ? next : new FaultedJob(ctx, "random-kill");
            next = null;
            int before = job.kills;
            int unloadableBefore = job.unloadable;
            int lostBefore = job.lost;
            jobs++;
            boolean ended = false;
            for (int attempt = 0; attempt < 4 * perJob && !job.completed && job.kills - before < perJob
                    && kills + job.kills - before < wanted; attempt++) {
                long delay = ctx.random.nextLong(MIN_DELAY_MILLIS, maxDelay + 1);
                if (!job.killAfter(delay)) {
                    ended = true;
                    break;
                }
                shortest = Math.min(shortest, delay);
                longest = Math.max(longest, delay);
            }
            if (!ended && !job.completed) {
                job.finish();
            }
            List<String> end = job.finalProblems();
            kills += job.kills - before;
            unloadable += job.unloadable - unloadableBefore;
            lost += job.lost - lostBefore;
            differing += end.stream().anyMatch(p -> p.startsWith("final state")) ? 1 : 0;
            withDebris += end.stream().anyMatch(p -> p.startsWith("debris")) ? 1 : 0;
            job.problems.forEach(p -> failures.add(job.dir.getFileName() + ": " + p));
            job.removeIfClean();
        }
        if (kills < wanted) {
            failures.add("only " + kills + " of " + wanted + " kills landed while a trainer ran");
        }
        ctx.table.record(GROUP, "SIGKILL at " + kills + " random instants",
                "after each kill model/ loadable and no reported checkpoint lost; resumed job byte-identical, no debris",
                String.format("%d kills in %d job%s%s (delays %.1f-%.1f s): %d unloadable, %d lost, %d jobs differing, %d with debris",
                        kills, jobs, jobs == 1 ? "" : "s", hookKills > 0 ? ", the first after its " + hookKills + " hook crashes" : "",
                        (kills == 0 ? 0 : shortest) / 1000.0, longest / 1000.0, unloadable, lost, differing, withDebris), failures);
    }
}

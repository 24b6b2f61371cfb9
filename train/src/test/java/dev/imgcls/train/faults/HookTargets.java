package dev.imgcls.train.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Which fault points to arm, chosen from the reference trace. The small suite takes one inside a
 * checkpoint write and one of the model switch, each at its second occurrence when there is one
 * (so that an earlier checkpoint and model exist to be kept); the full suite takes every point at
 * its first and at a random later occurrence.
 */
final class HookTargets {
    record Target(String point, int occurrence) {
        String spec(String kind) {
            return point + "@" + occurrence + ":" + kind;
        }
    }

    private HookTargets() {
    }

    static List<Target> choose(Trace trace, boolean full, SplittableRandom random) {
        Map<String, Integer> counts = trace.counts();
        List<Target> targets = new ArrayList<>();
        if (full) {
            counts.forEach((point, count) -> {
                targets.add(new Target(point, 1));
                if (count > 1) {
                    targets.add(new Target(point, random.nextInt(2, count + 1)));
                }
            });
            return targets;
        }
        first(counts, "checkpoint", "").ifPresent(targets::add);
        first(counts, "switch", "model").ifPresent(targets::add);
        return targets;
    }

    /** The first point whose name contains {@code word}, else the first containing {@code fallback}. */
    private static java.util.Optional<Target> first(Map<String, Integer> counts, String word, String fallback) {
        for (String wanted : fallback.isEmpty() ? List.of(word) : List.of(word, fallback)) {
            for (var e : counts.entrySet()) {
                if (e.getKey().toLowerCase(Locale.ROOT).contains(wanted)) {
                    return java.util.Optional.of(new Target(e.getKey(), Math.min(2, e.getValue())));
                }
            }
        }
        return java.util.Optional.empty();
    }
}

package dev.imgcls.train.cli;

import java.util.Collection;
import java.util.ArrayList;
import java.util.List;

/** "Did you mean" for misspelt flag names and choice values. */
final class Suggestions {
    private Suggestions() {
    }

    /**
     * The candidate closest to {@code typed} by edit distance (with '-' and '_' treated alike), if
     * it is close enough to be a plausible typo; otherwise the few candidates that contain what was
     * typed ({@code learning_rate} → {@code warmup_learning_rate}, {@code initial_learning_rate}).
     */
    static List<String> closest(String typed, Collection<String> candidates) {
        String normalizedTyped = normalize(typed);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(normalizedTyped, normalize(c));
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        if (best != null && bestDistance <= Math.max(2, typed.length() / 4)) {
            return List.of(best);
        }
        if (normalizedTyped.length() < 4) {
            return List.of();
        }
        // Names ending with what was typed are the likeliest (learning_rate → initial_learning_rate),
        // then names starting with it, then names merely containing it.
        List<String> ending = new ArrayList<>();
        List<String> starting = new ArrayList<>();
        List<String> containing = new ArrayList<>();
        for (String c : candidates) {
            String n = normalize(c);
            if (n.endsWith(normalizedTyped)) {
                ending.add(c);
            } else if (n.startsWith(normalizedTyped)) {
                starting.add(c);
            } else if (n.contains(normalizedTyped)) {
                containing.add(c);
            }
        }
        List<String> pick = !ending.isEmpty() ? ending : !starting.isEmpty() ? starting : containing;
        return pick.size() <= 3 ? pick : List.of();
    }

    /** "; did you mean --a?" or "; did you mean --a or --b?", or "" without suggestions. */
    static String didYouMean(String prefix, List<String> suggestions) {
        if (suggestions.isEmpty()) {
            return "";
        }
        return "; did you mean " + String.join(" or ", suggestions.stream().map(s -> prefix + s).toList()) + "?";
    }

    private static String normalize(String s) {
        return s.replace('-', '_').toLowerCase(java.util.Locale.ROOT);
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }
}

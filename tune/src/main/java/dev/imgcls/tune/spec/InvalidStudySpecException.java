package dev.imgcls.tune.spec;

import java.util.List;

/** A study spec that the tuning service would refuse, with every problem found (not just the first). */
public final class InvalidStudySpecException extends IllegalArgumentException {
    private final List<String> problems;

    public InvalidStudySpecException(String source, List<String> problems) {
        super(format(source, problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }

    private static String format(String source, List<String> problems) {
        StringBuilder sb = new StringBuilder("invalid study spec ").append(source).append(':');
        for (String p : problems) {
            sb.append("\n  - ").append(p);
        }
        return sb.toString();
    }
}

package dev.imgcls.train.doctor;

import java.util.List;

/** What a {@link DoctorCheck} found: the lines it prints and, when it failed, the problem for the verdict. */
public record CheckResult(List<String> lines, String problem) {
    public CheckResult {
        lines = List.copyOf(lines);
    }

    public static CheckResult passed(String... lines) {
        return new CheckResult(List.of(lines), null);
    }

    /** A failure whose problem (what is wrong and how to fix it) is also its printed line. */
    public static CheckResult failed(String problem) {
        return new CheckResult(List.of(problem), problem);
    }

    public static CheckResult failed(String problem, List<String> lines) {
        return new CheckResult(lines, problem);
    }

    public boolean ok() {
        return problem == null;
    }
}

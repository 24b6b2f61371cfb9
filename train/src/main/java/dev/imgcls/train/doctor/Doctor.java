package dev.imgcls.train.doctor;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs the doctor's checks in order, prints their lines as they finish, and ends with one verdict
 * line: {@code doctor: OK — …} (exit {@link #OK}) or {@code doctor: FAILED — <first problem>} (exit
 * {@link #FAILED}). A failed {@link DoctorCheck#prerequisite() prerequisite} ends the list there.
 */
public final class Doctor {
    public static final int OK = 0;
    public static final int FAILED = 1;
    /** No NVIDIA GPU visible: nothing to check (the same status as bad arguments, "cannot run here"). */
    public static final int NO_GPU = 2;

    private Doctor() {
    }

    /** Runs {@code checks}; returns the exit status. */
    public static int run(List<DoctorCheck> checks, PrintStream out) {
        long start = System.nanoTime();
        String firstProblem = null;
        List<String> passed = new ArrayList<>();
        for (DoctorCheck check : checks) {
            CheckResult result;
            try {
                result = check.run();
            } catch (RuntimeException | LinkageError e) {
                result = CheckResult.failed(check.name() + ": failed with " + e);
            }
            result.lines().forEach(out::println);
            out.flush();
            if (result.ok()) {
                passed.add(check.name());
                continue;
            }
            if (firstProblem == null) {
                firstProblem = result.problem();
            }
            if (check.prerequisite()) {
                break;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (firstProblem != null) {
            out.println("doctor: FAILED — " + firstProblem);
            return FAILED;
        }
        out.printf(Locale.ROOT, "doctor: OK — %d checks passed in %.0f s (%s)%n", passed.size(), seconds, String.join(", ", passed));
        return OK;
    }
}

package dev.imgcls.train.doctor;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The verdict line and exit status from the checks' outcomes, and where a failed prerequisite stops the list. */
class DoctorVerdictTest {
    private final List<String> ran = new ArrayList<>();

    @Test
    void everyCheckPassingIsOkWithExitZero() {
        Printed p = run(List.of(check("driver", false, () -> CheckResult.passed("driver: fine")),
                check("device", true, () -> CheckResult.passed("device: fine"))));
        assertEquals(Doctor.OK, p.status());
        assertEquals(List.of("driver: fine", "device: fine"), p.lines().subList(0, 2));
        assertTrue(p.lines().get(2).matches("doctor: OK — 2 checks passed in \\d+ s \\(driver, device\\)"), p.lines().get(2));
        assertEquals(3, p.lines().size());
    }

    @Test
    void theVerdictNamesTheFirstProblemAndTheOtherChecksStillRun() {
        Printed p = run(List.of(check("ops", false, () -> CheckResult.failed("ops: conv2d off by 3e-2")),
                check("training", false, () -> CheckResult.failed("training: drifts"))));
        assertEquals(Doctor.FAILED, p.status());
        assertEquals(List.of("ops", "training"), ran);
        assertEquals(List.of("ops: conv2d off by 3e-2", "training: drifts", "doctor: FAILED — ops: conv2d off by 3e-2"), p.lines());
    }

    @Test
    void aFailedPrerequisiteEndsTheList() {
        Printed p = run(List.of(check("libraries", true, () -> CheckResult.failed("libraries: no libcublas; install it")),
                check("device", true, () -> CheckResult.passed("device: fine"))));
        assertEquals(Doctor.FAILED, p.status());
        assertEquals(List.of("libraries"), ran);
        assertEquals("doctor: FAILED — libraries: no libcublas; install it", p.lines().get(p.lines().size() - 1));
    }

    @Test
    void aCheckThatThrowsFailsWithItsMessage() {
        Printed p = run(List.of(check("device", true, () -> {
            throw new IllegalStateException("cuMemGetInfo failed: CUDA_ERROR_UNKNOWN");
        })));
        assertEquals(Doctor.FAILED, p.status());
        assertTrue(p.lines().get(p.lines().size() - 1).startsWith("doctor: FAILED — device: failed with java.lang.IllegalStateException:"
                + " cuMemGetInfo failed: CUDA_ERROR_UNKNOWN"), p.lines().toString());
    }

    private record Printed(int status, List<String> lines) {
    }

    private Printed run(List<DoctorCheck> checks) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status = Doctor.run(checks, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return new Printed(status, bytes.toString(StandardCharsets.UTF_8).lines().toList());
    }

    private DoctorCheck check(String name, boolean prerequisite, Supplier<CheckResult> result) {
        return new DoctorCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean prerequisite() {
                return prerequisite;
            }

            @Override
            public CheckResult run() {
                ran.add(name);
                return result.get();
            }
        };
    }
}

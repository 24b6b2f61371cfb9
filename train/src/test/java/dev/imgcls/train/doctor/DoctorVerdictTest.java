package dev.imgcls.train.doctor;

import dev.imgcls.tensor.DType;
import dev.imgcls.tensor.Device;
import dev.imgcls.tensor.OpDef;
import dev.imgcls.tensor.spi.Backend;
import dev.imgcls.tensor.spi.HostStorage;
import dev.imgcls.tensor.spi.Kernel;
import dev.imgcls.tensor.spi.Storage;
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

    @Test
    void aBackendThatCannotStartFailsTheLibrariesLineWithItsReasonAndNothingAfterItRuns() {
        Backend broken = new Backend() {
            @Override
            public String name() {
                return "cuda";
            }

            @Override
            public Device.Kind deviceKind() {
                return Device.Kind.CUDA;
            }

            @Override
            public int priority() {
                return 0;
            }

            @Override
            public boolean isAvailable() {
                return false;
            }

            @Override
            public String unavailableReason() {
                return "cuBLAS (libcublas.so.13 or .so.12) could not be loaded; install libcublas-13-0";
            }

            @Override
            public Storage allocate(DType dtype, int size) {
                throw new AssertionError("not used");
            }

            @Override
            public Storage upload(HostStorage host) {
                throw new AssertionError("not used");
            }

            @Override
            public HostStorage download(Storage storage) {
                throw new AssertionError("not used");
            }

            @Override
            public <A> Kernel<A> kernel(OpDef<A> op) {
                return null;
            }
        };
        Printed p = run(List.of(new LibrariesCheck(broken, List::of, () -> "not asked"), check("device", true, () -> CheckResult.passed("device: fine"))));
        assertEquals(Doctor.FAILED, p.status());
        assertEquals(List.of(), ran);
        String line = "libraries: the cuda backend cannot start: cuBLAS (libcublas.so.13 or .so.12) could not be loaded; install libcublas-13-0";
        assertEquals(List.of(line, "doctor: FAILED — " + line), p.lines());
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

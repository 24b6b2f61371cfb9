package dev.imgcls.train.doctor;

import dev.imgcls.kernels.cpu.CpuBackend;
import dev.imgcls.kernels.cuda.LibraryStatus;
import dev.imgcls.kernels.testing.SimulatedDeviceBackend;
import dev.imgcls.tensor.Backends;
import dev.imgcls.tensor.ops.ElementwiseOps;
import dev.imgcls.tensor.spi.Backend;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The doctor's libraries step (one line per library, NVRTC optional) and its op-by-op step, passing and failing. */
class DoctorLibrariesAndOpsTest {
    private static final Backend CPU = Backends.byName(CpuBackend.NAME);
    private static final LibraryStatus DRIVER = new LibraryStatus("NVIDIA driver", true, "/usr/lib/x86_64-linux-gnu/libcuda.so.1", "580.65.06", "");
    private static final LibraryStatus CUBLAS = new LibraryStatus("cuBLAS", true, "/opt/cu13/libcublas.so.13", "13.0.2", "");
    private static final LibraryStatus CUDNN = new LibraryStatus("cuDNN", true, "/opt/cu13/libcudnn.so.9", "9.13.0", "");

    @Test
    void everyLibraryGetsItsLineAndAMissingNvrtcFailsNothing() {
        LibraryStatus nvrtc = new LibraryStatus("NVRTC", false, "", "", "tried libnvrtc.so.13, libnvrtc.so.12; install cuda-nvrtc-13-0");
        CheckResult r = new LibrariesCheck(new SimulatedDeviceBackend(), () -> List.of(DRIVER, CUBLAS, nvrtc, CUDNN), () -> "device 0 sim").run();
        assertTrue(r.ok(), r.toString());
        assertEquals(List.of("library: NVIDIA driver 580.65.06 (/usr/lib/x86_64-linux-gnu/libcuda.so.1)",
                "library: cuBLAS 13.0.2 (/opt/cu13/libcublas.so.13)",
                "library: NVRTC missing: tried libnvrtc.so.13, libnvrtc.so.12; install cuda-nvrtc-13-0"
                        + " (optional: needed only for a kernel the jar has no image for)",
                "library: cuDNN 9.13.0 (/opt/cu13/libcudnn.so.9)",
                "backend: device 0 sim"), r.lines());
    }

    @Test
    void aMissingRequiredLibraryFailsWithItsFix() {
        LibraryStatus cublas = new LibraryStatus("cuBLAS", false, "", "", "tried libcublas.so.13, libcublas.so.12; install libcublas-13-0");
        CheckResult r = new LibrariesCheck(new SimulatedDeviceBackend(), () -> List.of(DRIVER, cublas, CUDNN), () -> "not asked").run();
        assertFalse(r.ok());
        assertEquals("libraries: cuBLAS missing: tried libcublas.so.13, libcublas.so.12; install libcublas-13-0", r.problem());
        assertEquals(3, r.lines().size(), "one line per library, no backend line: " + r.lines());
    }

    @Test
    void theOpsStepPassesOnAFaithfulDeviceAndNamesAWrongKernel() {
        CheckResult good = new OpsCheck(CPU, new SimulatedDeviceBackend(), 5).run();
        assertTrue(good.ok(), good.toString());
        assertEquals(1, good.lines().size(), "only the summary line when every case passes: " + good.lines());
        assertTrue(good.lines().get(0).contains("all within tolerance"), good.lines().get(0));

        SabotagedBackend wrong = new SabotagedBackend(CPU).replace(ElementwiseOps.EXP, CPU.kernel(ElementwiseOps.TANH));
        CheckResult bad = new OpsCheck(CPU, wrong, 5).run();
        assertFalse(bad.ok());
        assertTrue(bad.problem().contains("exp"), bad.problem());
        assertTrue(bad.lines().stream().filter(l -> !l.equals(bad.problem())).allMatch(l -> l.startsWith("ops: FAIL") && l.contains("exp")),
                "one line per failing case, each naming the op: " + bad.lines());
    }
}

package dev.imgcls.train.doctor;

import dev.imgcls.kernels.cpu.CpuBackend;
import dev.imgcls.kernels.testing.GpuPresence;
import dev.imgcls.tensor.Backends;
import dev.imgcls.tensor.spi.Backend;
import dev.imgcls.train.doctor.OpSelfCheck.Result;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The op self-check of the real CUDA backend against the CPU, each case's errors printed: skipped
 * where no NVIDIA GPU is visible, failed where one is visible and the backend cannot use it.
 */
class OpSelfCheckGpuTest {
    @Test
    void everyCudaOpIsWithinToleranceOfTheCpu() {
        Backend cuda = Backends.byName("cuda");
        GpuPresence.requireUsable(cuda);
        List<Result> results = OpSelfCheck.run(Backends.byName(CpuBackend.NAME), cuda, 17,
                (r, done, total) -> System.out.println("[OpSelfCheckGpuTest] " + done + "/" + total + " " + r));
        System.out.println("[OpSelfCheckGpuTest] " + OpSelfCheck.summary(results));
        assertEquals(List.of(), results.stream().filter(Result::failed).map(Result::toString).toList());
    }
}

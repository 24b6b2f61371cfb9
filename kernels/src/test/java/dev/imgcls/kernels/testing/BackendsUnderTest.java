package dev.imgcls.kernels.testing;

import dev.imgcls.kernels.cpu.CpuBackend;
import dev.imgcls.kernels.reference.ReferenceBackend;
import dev.imgcls.tensor.Backends;
import dev.imgcls.tensor.Device;
import dev.imgcls.tensor.spi.Backend;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The backends every op-suite case runs on, each compared with the reference backend (the oracle):
 * the CPU backend, the {@link SimulatedDeviceBackend} (device tensors, CPU kernels), and every
 * other backend on the class path — the CUDA backend when {@code kernels-cuda} is there. A
 * backend that cannot run here (no GPU) stays in the list, so its cases are reported skipped with
 * the reason rather than silently missing.
 *
 * <p>The system property {@value #PROPERTY} (comma-separated backend names) restricts the list;
 * {@code kernels-cuda} sets it to {@code cuda} so the host backends' cases run once, in {@code kernels}.
 */
public final class BackendsUnderTest {
    public static final String PROPERTY = "imgcls.opsuite.backends";
    private static final List<BackendUnderTest> SELECTED = select(System.getProperty(PROPERTY, ""));

    private BackendsUnderTest() {
    }

    /** The {@code @MethodSource} of {@link EveryBackend}. */
    public static Stream<BackendUnderTest> all() {
        return SELECTED.stream();
    }

    private static List<BackendUnderTest> select(String names) {
        List<BackendUnderTest> found = new ArrayList<>();
        found.add(new BackendUnderTest(Backends.byName(CpuBackend.NAME), Device.CPU));
        found.add(new BackendUnderTest(new SimulatedDeviceBackend(), SimulatedDeviceBackend.DEVICE));
        for (Backend b : Backends.all()) {
            if (!b.name().equals(ReferenceBackend.NAME) && !b.name().equals(CpuBackend.NAME)) {
                found.add(new BackendUnderTest(b, b.deviceKind() == Device.Kind.CPU ? Device.CPU : new Device(b.deviceKind(), 0)));
            }
        }
        if (names.isBlank()) {
            return List.copyOf(found);
        }
        List<String> wanted = Arrays.stream(names.split(",")).map(String::trim).toList();
        List<BackendUnderTest> chosen = found.stream().filter(b -> wanted.contains(b.backend().name())).toList();
        if (chosen.size() != wanted.size()) {
            throw new IllegalStateException(PROPERTY + "=" + names + " names a backend that is not here; found "
                    + found.stream().map(BackendUnderTest::toString).toList());
        }
        return chosen;
    }
}

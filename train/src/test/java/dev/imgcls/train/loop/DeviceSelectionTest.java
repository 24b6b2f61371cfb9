package dev.imgcls.train.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import dev.imgcls.tensor.Backends;
import dev.imgcls.tensor.DType;
import dev.imgcls.tensor.Device;
import dev.imgcls.tensor.OpDef;
import dev.imgcls.tensor.spi.Backend;
import dev.imgcls.tensor.spi.HostStorage;
import dev.imgcls.tensor.spi.Kernel;
import dev.imgcls.tensor.spi.Storage;
import dev.imgcls.train.cli.ArgumentException;
import dev.imgcls.train.cli.DeviceChoice;
import org.junit.jupiter.api.Test;

/** --device against a usable GPU, an unusable one (its reason reaches the user), and none at all. */
class DeviceSelectionTest {
    /** A GPU backend that only answers the discovery questions. */
    private record FakeGpu(boolean usable) implements Backend {
        @Override
        public String name() {
            return "fake-gpu";
        }

        @Override
        public Device.Kind deviceKind() {
            return Device.Kind.CUDA;
        }

        @Override
        public int priority() {
            return 100;
        }

        @Override
        public boolean isAvailable() {
            return usable;
        }

        @Override
        public String unavailableReason() {
            return usable ? "" : "libcuda.so.1 could not be loaded; install an NVIDIA driver";
        }

        @Override
        public Storage allocate(DType dtype, int size) {
            throw new UnsupportedOperationException("discovery only");
        }

        @Override
        public Storage upload(HostStorage host) {
            throw new UnsupportedOperationException("discovery only");
        }

        @Override
        public HostStorage download(Storage storage) {
            throw new UnsupportedOperationException("discovery only");
        }

        @Override
        public <A> Kernel<A> kernel(OpDef<A> op) {
            return null;
        }
    }

    @Test
    void gpuWithoutAUsableGpuFailsWithTheBackendsReason() {
        ArgumentException e = assertThrows(ArgumentException.class,
                () -> DeviceSelection.resolve(DeviceChoice.GPU, List.of(new FakeGpu(false))));
        assertEquals(List.of("--device=gpu but the GPU is not usable: libcuda.so.1 could not be loaded; install an NVIDIA driver"),
                e.problems());
        ArgumentException none = assertThrows(ArgumentException.class, () -> DeviceSelection.resolve(DeviceChoice.GPU, List.of()));
        assertTrue(none.getMessage().contains("no GPU backend"), none.getMessage());
    }

    @Test
    void autoPicksAUsableGpuAndSaysSo() {
        DeviceSelection s = DeviceSelection.resolve(DeviceChoice.AUTO, List.of(new FakeGpu(true)));
        assertEquals(Device.Kind.CUDA, s.kind());
        assertTrue(s.description().startsWith("device: GPU (--device=auto"), s.description());
        assertEquals(Device.Kind.CUDA, DeviceSelection.resolve(DeviceChoice.GPU, List.of(new FakeGpu(true))).kind());
    }

    @Test
    void autoWithoutAUsableGpuRunsOnTheCpuAndSaysWhy() {
        DeviceSelection s = DeviceSelection.resolve(DeviceChoice.AUTO, List.of(new FakeGpu(false)));
        assertEquals(Device.Kind.CPU, s.kind());
        assertTrue(s.description().contains("libcuda.so.1"), s.description());
        assertEquals(Device.Kind.CPU, DeviceSelection.resolve(DeviceChoice.CPU, List.of(new FakeGpu(true))).kind());
    }

    @Test
    void theRealCudaBackendsReasonReachesTheMessageOnThisMachine() {
        Backend cuda = Backends.byName("cuda");
        if (cuda.isAvailable()) {
            assertEquals(Device.Kind.CUDA, DeviceSelection.resolve(DeviceChoice.GPU, Backends.all()).kind());
        } else {
            ArgumentException e = assertThrows(ArgumentException.class, () -> DeviceSelection.resolve(DeviceChoice.GPU, Backends.all()));
            assertTrue(e.getMessage().contains(cuda.unavailableReason()), e.getMessage());
        }
    }
}

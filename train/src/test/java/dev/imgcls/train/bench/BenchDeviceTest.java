package dev.imgcls.train.bench;

import dev.imgcls.kernels.testing.SimulatedDeviceBackend;
import dev.imgcls.tensor.Backends;
import dev.imgcls.tensor.Device;
import dev.imgcls.train.cli.ArgumentException;
import dev.imgcls.train.cli.DeviceChoice;
import dev.imgcls.train.loop.DeviceSelection;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code bench --device}: parsed as the trainer's flag, and a GPU run measures the same steps as a CPU run. */
class BenchDeviceTest {
    private static final String[] TINY = {"--model_type=resnet-18", "--image_size=32", "--train_batch_size=2",
            "--warmup_steps=1", "--steps=2", "--num_classes=10", "--profile=false"};

    @Test
    void deviceDefaultsToAutoAndRejectsOtherValues() {
        assertEquals(DeviceChoice.AUTO, BenchOptions.parse(TINY).device());
        assertEquals(DeviceChoice.GPU, BenchOptions.parse(with("--device=gpu")).device());
        ArgumentException e = assertThrows(ArgumentException.class, () -> BenchOptions.parse(with("--device=tpu")));
        assertTrue(e.problems().get(0).startsWith("--device 'tpu' is not one of cpu, gpu, auto"), e.problems().toString());
    }

    @Test
    void aGpuRunTrainsOnTheDeviceWithTheCpuRunsLosses() throws Exception {
        BenchOptions options = BenchOptions.parse(with("--device=gpu"));
        BenchResult cpu = new BenchRun(options, DeviceSelection.resolve(DeviceChoice.CPU, List.of()), quiet()).execute();
        SimulatedDeviceBackend gpu = new SimulatedDeviceBackend();
        DeviceSelection selection = DeviceSelection.resolve(DeviceChoice.GPU, List.of(Backends.forDevice(Device.CPU), gpu));
        BenchResult onGpu = new BenchRun(options, selection, quiet()).execute();

        assertTrue(onGpu.backend().startsWith("simulated-gpu on GPU 0"), onGpu.backend());
        // Bit for bit: the simulated device runs the CPU's own kernels.
        assertEquals(cpu.firstValue(), onGpu.firstValue());
        assertEquals(cpu.lastValue(), onGpu.lastValue());
        long batchUploads = gpu.uploads().stream().filter(t -> t.elements() == 2 * 32 * 32 * 3).count();
        assertEquals(3, batchUploads, "one image batch uploaded per step (1 warm-up + 2 measured)");

        // The PyTorch harness runs on the CPU: only a CPU report points to it.
        assertTrue(!report(onGpu).contains("PyTorch"), report(onGpu));
        assertTrue(report(cpu).contains("against PyTorch: " + BenchReport.PEER_HARNESS), report(cpu));
    }

    private static String report(BenchResult r) {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        BenchReport.print(r, new PrintStream(text, true, StandardCharsets.UTF_8));
        return text.toString(StandardCharsets.UTF_8);
    }

    private static String[] with(String arg) {
        String[] args = java.util.Arrays.copyOf(TINY, TINY.length + 1);
        args[TINY.length] = arg;
        return args;
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream());
    }
}

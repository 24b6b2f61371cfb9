package dev.imgcls.train.bench;

import dev.imgcls.tensor.Backends;
import dev.imgcls.tensor.Device;
import dev.imgcls.train.cli.ArgumentException;
import dev.imgcls.train.cli.DeviceChoice;
import dev.imgcls.train.device.SimulatedDeviceBackend;
import dev.imgcls.train.loop.DeviceSelection;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
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
        assertTrue(e.problems().contains("--device must be cpu, gpu or auto, got 'tpu'"), e.problems().toString());
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
        assertEquals(cpu.firstLoss(), onGpu.firstLoss());
        assertEquals(cpu.lastLoss(), onGpu.lastLoss());
        long batchUploads = gpu.uploads().stream().filter(t -> t.elements() == 2 * 32 * 32 * 3).count();
        assertEquals(3, batchUploads, "one image batch uploaded per step (1 warm-up + 2 measured)");

        // The peers' PyTorch numbers are CPU runs: a GPU report must not print a ratio to them.
        java.io.ByteArrayOutputStream gpuReport = new java.io.ByteArrayOutputStream();
        BenchReport.print(onGpu, new java.io.PrintStream(gpuReport, true, java.nio.charset.StandardCharsets.UTF_8));
        String text = gpuReport.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(text.contains("no PyTorch ratio") && !text.contains("ours / PyTorch"), text);
        java.io.ByteArrayOutputStream cpuReport = new java.io.ByteArrayOutputStream();
        BenchReport.print(cpu, new java.io.PrintStream(cpuReport, true, java.nio.charset.StandardCharsets.UTF_8));
        assertTrue(!cpuReport.toString(java.nio.charset.StandardCharsets.UTF_8).contains("no PyTorch ratio"));
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

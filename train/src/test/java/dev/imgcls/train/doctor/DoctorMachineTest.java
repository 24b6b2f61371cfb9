package dev.imgcls.train.doctor;

import dev.imgcls.train.command.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The machine-facing parts: the no-GPU path of the real command, GPU visibility, the driver line. */
class DoctorMachineTest {
    @TempDir
    Path tmp;

    @Test
    void withoutAVisibleGpuTheDoctorSaysSoInOneLineAndExitsTwo() {
        assumeTrue(GpuVisibility.visibleDevice() == null, "a GPU is visible here: " + GpuVisibility.visibleDevice());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(new String[] {"doctor"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(Doctor.NO_GPU, status);
        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(1, printed.lines().count(), printed);
        assertTrue(printed.startsWith("doctor: no NVIDIA GPU visible ("), printed);
        assertTrue(printed.strip().endsWith("no /dev/nvidia0); the CPU backend will be used"), printed);
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aGpuIsVisibleThroughTheDriversListOrTheDeviceNode() throws IOException {
        Path gpus = Files.createDirectories(tmp.resolve("gpus"));
        Path node = tmp.resolve("nvidia0");
        assertNull(GpuVisibility.visibleDevice(gpus, node));
        assertEquals("doctor: no NVIDIA GPU visible (" + gpus + " empty, no " + node + "); the CPU backend will be used",
                GpuVisibility.noGpuLine(gpus, node));
        assertEquals("doctor: no NVIDIA GPU visible (no " + tmp.resolve("absent") + ", no " + node + "); the CPU backend will be used",
                GpuVisibility.noGpuLine(tmp.resolve("absent"), node));
        Files.createFile(node);
        assertEquals(node + " exists", GpuVisibility.visibleDevice(gpus, node));
        Files.createDirectories(gpus.resolve("0000:3b:00.0"));
        assertEquals("1 NVIDIA GPU(s) in " + gpus, GpuVisibility.visibleDevice(gpus, node));
    }

    @Test
    void theDriverLineNamesTheModuleAndTheCudaVersionOrWhatToInstall() throws IOException {
        Path version = Files.writeString(tmp.resolve("version"), "NVRM version: NVIDIA UNIX Open Kernel Module for x86_64  580.65.06"
                + "  Release Build  (dvs-builder@U16-I3-B03-4-3)  Tue Jul 15 18:33:38 UTC 2025\nGCC version:  gcc version 12.2.0\n");
        assertEquals("driver: NVIDIA 580.65.06, supports CUDA up to 13.0", new DriverCheck(version, () -> 13000).run().lines().get(0));
        CheckResult old = new DriverCheck(version, () -> 11040).run();
        assertTrue(old.problem().contains("supports CUDA only up to 11.4") && old.problem().contains("upgrade"), old.problem());
        CheckResult noLibcuda = new DriverCheck(tmp.resolve("absent"), () -> -1).run();
        assertTrue(noLibcuda.problem().startsWith("driver: NVIDIA kernel module of unknown version (") && noLibcuda.problem().contains(
                "libcuda.so.1 (the driver's CUDA library) could not be loaded"), noLibcuda.problem());
    }
}

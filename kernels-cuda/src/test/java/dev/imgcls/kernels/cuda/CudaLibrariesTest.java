package dev.imgcls.kernels.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The library report for diagnostics: complete, never throwing, and on a machine without a driver it says so with the fix. */
class CudaLibrariesTest {
    @Test
    void probeReportsEveryLibraryWithAFileAndVersionOrAProblem() {
        List<LibraryStatus> all = CudaLibraries.probe();
        all.forEach(s -> System.out.println("[CudaLibrariesTest] " + s.line()));
        assertEquals(List.of("NVIDIA driver", "imgcls JNI binding", "cuBLAS", "NVRTC", "cuDNN"), all.stream().map(LibraryStatus::name).toList());
        for (LibraryStatus s : all) {
            if (s.found()) {
                assertFalse(s.file().isEmpty() || s.version().isEmpty(), s.toString());
                assertEquals("", s.problem());
            } else {
                assertFalse(s.problem().isEmpty(), s.toString());
                assertFalse(s.problem().contains("\n"), "one line: " + s.problem());
            }
        }
        LibraryStatus driver = all.get(0);
        if (Files.exists(Path.of("/proc/driver/nvidia/version"))) {
            System.out.println("[CudaLibrariesTest] an NVIDIA driver is installed here: " + driver.line());
        } else {
            assertFalse(driver.found(), driver.toString());
            assertTrue(driver.problem().contains("libcuda.so.1") && driver.problem().contains("install an NVIDIA driver"), driver.problem());
        }
    }

    @Test
    void theKernelModuleVersionIsReadFromProcInEitherDriverFlavour(@TempDir Path dir) throws Exception {
        Path proprietary = Files.writeString(dir.resolve("p"),
                "NVRM version: NVIDIA UNIX x86_64 Kernel Module  535.104.05  Sat Aug 19 01:15:15 UTC 2023\nGCC version:  gcc 12\n");
        Path open = Files.writeString(dir.resolve("o"),
                "NVRM version: NVIDIA UNIX Open Kernel Module for x86_64  580.65.06  Release Build  (dvs-builder@U16-I3-B03-4-3)\n");
        assertEquals("535.104.05", CudaLibraries.kernelModuleVersion(proprietary));
        assertEquals("580.65.06", CudaLibraries.kernelModuleVersion(open));
        assertNull(CudaLibraries.kernelModuleVersion(dir.resolve("absent")));
        assertEquals("13.0", CudaLibraries.cudaVersion(13000));
        assertEquals("12.6", CudaLibraries.cudaVersion(12060));
    }

    @Test
    void statusComponentsAreNeverNull() {
        LibraryStatus s = new LibraryStatus("cuBLAS", false, null, null, null);
        assertEquals("", s.file());
        assertEquals("", s.version());
        assertEquals("cuBLAS missing: ", s.line());
        assertEquals("", new LibraryStatus("cuDNN", true, "/l/libcudnn.so.9", "9.13.0", "ignored").problem());
        assertEquals("cuDNN 9.13.0 (/l/libcudnn.so.9)", LibraryStatus.found("cuDNN", "/l/libcudnn.so.9", "9.13.0").line());
    }
}

package dev.imgcls.kernels.cuda;

import static dev.imgcls.kernels.cuda.KernelImageChoiceTest.ptx;
import static dev.imgcls.kernels.cuda.KernelImageChoiceTest.sass;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jcuda.driver.CUmodule;
import jcuda.driver.CUresult;
import org.junit.jupiter.api.Test;

/** Where KernelModules takes each kernel file from, with a stand-in for cuModuleLoadData and NVRTC; needs no GPU. */
class KernelModulesTest {
    private static final byte[] OURS = FatbinBytes.container(sass(80), sass(90), sass(100), ptx(100));
    private static final byte[] NVRTC_CUBIN = "nvrtc cubin".getBytes(StandardCharsets.US_ASCII);

    private final Map<String, byte[]> resources = new HashMap<>();
    private final List<byte[]> loaded = new ArrayList<>();
    private final List<String> compiled = new ArrayList<>();
    private int loadResult = CUresult.CUDA_SUCCESS;

    KernelModulesTest() {
        resources.put(FatbinIndex.INDEX, "nvcc=13.0\nsass=80,90,100\nptx=100\nfiles=a,b\n".getBytes(StandardCharsets.US_ASCII));
        resources.put(FatbinIndex.DIR + "a.fatbin", OURS);
        resources.put(FatbinIndex.DIR + "b.fatbin", OURS.clone());
    }

    private KernelModules modules(int major, int minor) {
        return modules(major, minor, f -> {
            compiled.add(f);
            return NVRTC_CUBIN;
        });
    }

    private KernelModules modules(int major, int minor, Function<String, byte[]> nvrtc) {
        return new KernelModules(new FatbinIndex(resources::get), major, minor, (m, image) -> {
            loaded.add(image);
            return image == NVRTC_CUBIN ? CUresult.CUDA_SUCCESS : loadResult;
        }, nvrtc);
    }

    @Test
    void loadsTheJarsFatbinsWhenOneOfTheirImagesRunsOnTheDevice() {
        KernelModules k = modules(9, 0);
        assertEquals("kernels: nvcc 13.0 fatbins, sm_90 SASS on sm_90", k.describe());
        assertTrue(k.usesFatbins());
        assertEquals(1, loaded.size(), "the first file is loaded at start, so the summary says what the driver took");
        assertSame(OURS, loaded.get(0), "the whole fatbin goes to cuModuleLoadData");
        CUmodule a = k.module("a.cu");
        assertSame(a, k.module("a.cu"));
        k.module("b.cu");
        assertEquals(2, loaded.size());
        assertSame(resources.get(FatbinIndex.DIR + "b.fatbin"), loaded.get(1));
        assertEquals(List.of(), compiled, "NVRTC is not touched");
    }

    @Test
    void aNewerMajorThanEverySassRunsThePtx() {
        assertEquals("kernels: nvcc 13.0 fatbins, PTX compute_100 (ISA 9.0) JIT-compiled by the driver for sm_120", modules(12, 0).describe());
        assertEquals("kernels: nvcc 13.0 fatbins, sm_80 SASS on sm_86", modules(8, 6).describe());
    }

    @Test
    void anOlderDeviceThanEveryImageCompilesWithNvrtcAndSaysWhy() {
        KernelModules k = modules(7, 5);
        assertTrue(k.describe().startsWith("kernels: compiled by NVRTC at run time (kernels built for sm_80, sm_90, sm_100 + PTX compute_100;"
                + " device is sm_75"), k.describe());
        assertFalse(k.usesFatbins());
        assertEquals(List.of(), loaded, "nothing is handed to the driver that it cannot run");
        k.module("a.cu");
        assertEquals(List.of("a.cu"), compiled);
        assertSame(NVRTC_CUBIN, loaded.get(0));
    }

    @Test
    void aFatbinTheDriverRejectsFallsBackToNvrtcNamingTheError() {
        loadResult = CUresult.CUDA_ERROR_UNSUPPORTED_PTX_VERSION;
        KernelModules k = modules(12, 0);
        assertTrue(k.describe().startsWith("kernels: compiled by NVRTC at run time (the driver rejected the nvcc 13.0 fatbin of a.cu"
                + " (PTX compute_100 (ISA 9.0) for sm_120): CUDA_ERROR_UNSUPPORTED_PTX_VERSION"), k.describe());
        assertFalse(k.usesFatbins());
        k.module("a.cu");
        k.module("b.cu");
        assertEquals(List.of("a.cu", "b.cu"), compiled);
    }

    @Test
    void aLaterFileTheDriverRejectsAloneFallsBackToNvrtc() {
        KernelModules k = modules(9, 0);
        loadResult = CUresult.CUDA_ERROR_INVALID_IMAGE;
        k.module("b.cu");
        assertEquals(List.of("b.cu"), compiled);
        assertTrue(k.usesFatbins());
    }

    @Test
    void whenTheFallbackFailsTooTheErrorNamesBothCauses() {
        KernelModules k = modules(9, 0, f -> {
            throw new IllegalStateException("NVRTC (libnvrtc.so.13 or .so.12) not found");
        });
        loadResult = CUresult.CUDA_ERROR_INVALID_IMAGE;
        String message = assertThrows(IllegalStateException.class, () -> k.module("b.cu")).getMessage();
        assertTrue(message.contains("CUDA_ERROR_INVALID_IMAGE") && message.contains("NVRTC (libnvrtc.so.13 or .so.12) not found"), message);
    }

    @Test
    void aJarBuiltWithoutNvccCompilesWithNvrtcAndSaysSo() {
        resources.clear();
        resources.put(FatbinIndex.INDEX, "nvcc=none\nreason=no fatbins: this jar was built without nvcc on the PATH\n"
                .getBytes(StandardCharsets.US_ASCII));
        KernelModules k = modules(9, 0);
        assertEquals("kernels: compiled by NVRTC at run time (no fatbins: this jar was built without nvcc on the PATH)", k.describe());
        k.module("a.cu");
        assertEquals(List.of("a.cu"), compiled);
    }

    @Test
    void aMissingIndexOrABrokenFatbinIsReportedAndNvrtcCompiles() {
        resources.remove(FatbinIndex.INDEX);
        assertTrue(modules(9, 0).describe().contains("no fatbin index /dev/imgcls/kernels/cuda/fatbin/index.properties on the class path"),
                modules(9, 0).describe());
        resources.put(FatbinIndex.INDEX, "nvcc=13.0\nsass=80,x\nptx=100\nfiles=a\n".getBytes(StandardCharsets.US_ASCII));
        assertTrue(modules(9, 0).describe().contains("malformed fatbin index"), modules(9, 0).describe());
        resources.put(FatbinIndex.INDEX, "nvcc=13.0\nsass=80\nptx=80\nfiles=a\n".getBytes(StandardCharsets.US_ASCII));
        resources.put(FatbinIndex.DIR + "a.fatbin", new byte[] {1, 2, 3});
        assertTrue(modules(9, 0).describe().contains("fatbin of a.cu: not a well-formed fatbin"), modules(9, 0).describe());
        resources.remove(FatbinIndex.DIR + "a.fatbin");
        assertTrue(modules(9, 0).describe().contains("the jar has no fatbin for a.cu although its index lists it"), modules(9, 0).describe());
    }
}

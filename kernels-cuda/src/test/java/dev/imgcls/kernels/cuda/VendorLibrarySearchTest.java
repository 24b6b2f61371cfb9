package dev.imgcls.kernels.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The version-proof loading of cuBLAS and NVRTC, without CUDA: stub libraries built by gcc stand in
 * for the CUDA 13 and 12 files, in folders searched on their own (never the system's), so the test
 * cannot pick up a real installation.
 */
class VendorLibrarySearchTest {
    @TempDir
    static Path root;

    static Path both;
    static Path only12;
    static Path empty;
    static Path broken13;

    @BeforeAll
    static void buildStubs() throws Exception {
        StubLibraries.requireGcc();
        assumeTrue(JniBinding.load() == null, "the JNI binding is not usable here: " + JniBinding.load());
        both = root.resolve("both");
        only12 = root.resolve("only12");
        empty = Files.createDirectories(root.resolve("empty"));
        broken13 = root.resolve("broken13");
        StubLibraries.build(both, "libcublas.so.13", StubLibraries.CUBLAS, "MAJOR=13", "MINOR=0", "PATCH=2");
        StubLibraries.build(both, "libcublas.so.12", StubLibraries.CUBLAS, "MAJOR=12", "MINOR=6", "PATCH=4");
        StubLibraries.build(both, "libnvrtc.so.13", StubLibraries.NVRTC, "MAJOR=13", "MINOR=0");
        StubLibraries.build(both, "libnvrtc.so.12", StubLibraries.NVRTC, "MAJOR=12", "MINOR=6");
        Files.createDirectories(only12);
        Files.copy(both.resolve("libcublas.so.12"), only12.resolve("libcublas.so.12"));
        StubLibraries.build(broken13, "libcublas.so.13", StubLibraries.CUBLAS, "MAJOR=13", "MINOR=0", "PATCH=2", "OMIT_cublasSgemm_v2");
    }

    @Test
    void cublas13IsPreferredOver12AndReportedWithItsFileAndVersion() {
        Loaded<Cublas> c = Cublas.open(LibrarySearch.only(both));
        assertTrue(c.found(), c.status().problem());
        assertEquals(both.resolve("libcublas.so.13").toAbsolutePath().toString(), c.status().file());
        assertEquals("13.0.2", c.status().version());
        assertEquals("cuBLAS 13.0.2 (" + both.resolve("libcublas.so.13").toAbsolutePath() + ")", c.status().line());
    }

    @Test
    void cublas12IsUsedWhenThereIsNo13() {
        Loaded<Cublas> c = Cublas.open(LibrarySearch.only(only12));
        assertTrue(c.found(), c.status().problem());
        assertEquals(only12.resolve("libcublas.so.12").toAbsolutePath().toString(), c.library().file());
        assertEquals("12.6.4", c.library().version());
    }

    @Test
    void withNeitherTheMessageNamesBothFilesAndTheFixForCuda12And13() {
        Loaded<Cublas> c = Cublas.open(LibrarySearch.only(empty));
        assertFalse(c.found());
        String problem = c.status().problem();
        System.out.println("[VendorLibrarySearchTest] " + c.status().line());
        for (String s : List.of(empty.resolve("libcublas.so.13").toAbsolutePath() + " (not found)",
                empty.resolve("libcublas.so.12").toAbsolutePath() + " (not found)", "apt install libcublas-13-0", "pip install nvidia-cublas;",
                "apt install libcublas-12-6", "pip install nvidia-cublas-cu12", "-Dimgcls.cuda.libdirs")) {
            assertTrue(problem.contains(s), s + " in: " + problem);
        }
        assertFalse(problem.contains("system search"), "this search was restricted to its folder: " + problem);
        assertFalse(problem.contains("\n"), "one line: " + problem);
        IllegalStateException e = assertThrows(IllegalStateException.class, c::require);
        assertEquals(problem, e.getMessage());
    }

    @Test
    void aLibraryLackingAnEntryPointIsRefusedByNameAndTheNextFileIsTried() throws Exception {
        Loaded<Cublas> alone = Cublas.open(LibrarySearch.only(broken13));
        assertFalse(alone.found());
        assertTrue(alone.status().problem().contains("libcublas.so.13 (lacks the cuBLAS entry points: cublasSgemm_v2)"), alone.status().problem());
        // All or nothing: the broken file is skipped, the next candidate (another folder's .so.12) is used.
        Loaded<Cublas> next = Cublas.open(new LibrarySearch(List.of(broken13, only12), false));
        assertTrue(next.found(), next.status().problem());
        assertEquals("12.6.4", next.library().version());
    }

    @Test
    void foldersAreSearchedInOrderEachNewestFirstThenTheSystem() {
        LibrarySearch s = new LibrarySearch(List.of(Path.of("/a"), Path.of("/b")), true);
        assertEquals(List.of("/a/libcublas.so.13", "/a/libcublas.so.12", "/b/libcublas.so.13", "/b/libcublas.so.12", "libcublas.so.13",
                "libcublas.so.12"), s.candidates(Cublas.SONAMES));
        assertEquals(List.of("/a/libnvrtc.so.13", "/a/libnvrtc.so.12"), LibrarySearch.only(Path.of("/a")).candidates(Nvrtc.SONAMES));
    }

    @Test
    void underACuda12DriverThe12FilesComeFirst() {
        assertEquals(List.of("libcublas.so.12", "libcublas.so.13"), LibrarySearch.forDriver(Cublas.SONAMES, 12080));
        assertEquals(Cublas.SONAMES, LibrarySearch.forDriver(Cublas.SONAMES, 13000));
        assertEquals(Nvrtc.SONAMES, LibrarySearch.forDriver(Nvrtc.SONAMES, 13020));
        assertEquals(Cublas.SONAMES, LibrarySearch.forDriver(Cublas.SONAMES, 0), "no driver: newest first");
        Loaded<Cublas> c = Cublas.open(LibrarySearch.only(both), LibrarySearch.forDriver(Cublas.SONAMES, 12080));
        assertEquals("12.6.4", c.require().version());
    }

    @Test
    void theLibdirsPropertyPutsItsFoldersBeforeTheSystemSearch() {
        String old = System.getProperty(LibrarySearch.DIRS_PROPERTY);
        System.setProperty(LibrarySearch.DIRS_PROPERTY, "/x/lib" + java.io.File.pathSeparator + " /y/lib ");
        try {
            assertEquals(new LibrarySearch(List.of(Path.of("/x/lib"), Path.of("/y/lib")), true), LibrarySearch.standard());
        } finally {
            if (old == null) {
                System.clearProperty(LibrarySearch.DIRS_PROPERTY);
            } else {
                System.setProperty(LibrarySearch.DIRS_PROPERTY, old);
            }
        }
    }

    @Test
    void cublasCallsReachTheLibraryWithTheirArgumentsAndFailuresNameTheCall() {
        Cublas c = Cublas.open(LibrarySearch.only(both)).require();
        long h = c.create();
        assertEquals(0x1234, h);
        c.setStream(h, 0x5678);
        c.setMathMode(h, Cublas.DEFAULT_MATH);
        c.sgemm(h, Cublas.OP_T, Cublas.OP_N, 2, 3, 4, 2.5f, 0x1000, 5, 0x2000, 6, 0.5f, 0x3000, 7);
        IllegalStateException gemm = assertThrows(IllegalStateException.class,
                () -> c.sgemm(h, Cublas.OP_T, Cublas.OP_N, 2, 3, 4, 2.5f, 0x1000, 5, 0x2000, 6, 0.25f, 0x3000, 7));
        assertEquals("cublasSgemm_v2 failed: CUBLAS_STATUS_INVALID_VALUE (status 7)", gemm.getMessage());
        IllegalStateException stream = assertThrows(IllegalStateException.class, () -> c.setStream(h, 0xBAD));
        assertEquals("cublasSetStream_v2 failed: CUBLAS_STATUS_INVALID_VALUE (status 7)", stream.getMessage());
        c.destroy(h);
        assertEquals(7, Cublas.symbolNames().length);
    }

    @Test
    void nvrtc13IsPreferredAndWithNeitherTheMessageNamesBothAndTheFix() {
        Loaded<Nvrtc> n = Nvrtc.open(LibrarySearch.only(both));
        assertTrue(n.found(), n.status().problem());
        assertEquals("NVRTC 13.0 (" + both.resolve("libnvrtc.so.13").toAbsolutePath() + ")", n.status().line());
        Loaded<Nvrtc> none = Nvrtc.open(LibrarySearch.only(empty));
        assertFalse(none.found());
        for (String s : List.of("libnvrtc.so.13 (not found)", "libnvrtc.so.12 (not found)", "apt install cuda-nvrtc-13-0",
                "pip install nvidia-cuda-nvrtc;", "apt install cuda-nvrtc-12-6", "pip install nvidia-cuda-nvrtc-cu12")) {
            assertTrue(none.status().problem().contains(s), s + " in: " + none.status().problem());
        }
    }

    @Test
    void nvrtcCompilesThroughTheBindingAndReportsTheLogOnFailure() {
        Nvrtc n = Nvrtc.open(LibrarySearch.only(both)).require();
        byte[] cubin = n.compileCubin("src", "k.cu", new String[] {"hdr"}, new String[] {"k.cuh"}, new String[] {"-a", "-b"});
        assertEquals("k.cu|k.cuh|3|-a -b ", new String(cubin, StandardCharsets.US_ASCII));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> n.compileCubin("src", "k.cu", new String[0], new String[0], new String[] {"--fail"}));
        assertEquals("nvrtcCompileProgram failed: NVRTC_ERROR_COMPILATION (status 6)\nstub log for k.cu", e.getMessage());
    }

    @Test
    void theKernelCompilerUsesNvrtcOnlyOnACacheMissAndFailsWithTheFixWhenItIsMissing() throws Exception {
        Path cache = root.resolve("kernel-cache");
        KernelCompiler compiler = new KernelCompiler(cache, 9, 0, Nvrtc.open(LibrarySearch.only(both)));
        byte[] first = compiler.cubin("cast.cu");
        String header = KernelCompiler.readResource(KernelCompiler.HEADER);
        assertEquals("cast.cu|imgcls_common.cuh|" + header.getBytes(StandardCharsets.UTF_8).length + "|--gpu-architecture=sm_90 -std=c++17 ",
                new String(first, StandardCharsets.US_ASCII));
        Path cached;
        try (var files = Files.list(cache)) {
            cached = files.filter(p -> p.getFileName().toString().endsWith("-sm_90-nvrtc13.0.cubin")).findFirst().orElseThrow();
        }
        // A later run reads the cache instead of compiling: what it returns is what the file holds.
        Files.writeString(cached, "from the cache");
        assertArrayEquals("from the cache".getBytes(StandardCharsets.US_ASCII),
                new KernelCompiler(cache, 9, 0, Nvrtc.open(LibrarySearch.only(both))).cubin("cast.cu"));
        KernelCompiler without = new KernelCompiler(root.resolve("other-cache"), 9, 0, Nvrtc.open(LibrarySearch.only(empty)));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> without.cubin("cast.cu"));
        assertTrue(e.getMessage().startsWith("kernel cast.cu must be compiled for sm_90 (the jar has no image for it), but NVRTC is missing:"),
                e.getMessage());
        assertTrue(e.getMessage().contains("pip install nvidia-cuda-nvrtc-cu12"), e.getMessage());
    }

    @Test
    void loadedPathAnswersOnlyForLoadedLibraries() {
        Cublas.open(LibrarySearch.only(both)).require();
        String path = both.resolve("libcublas.so.13").toAbsolutePath().toString();
        assertEquals(path, JniBinding.loadedPath(path));
        assertNull(JniBinding.loadedPath(empty.resolve("libcublas.so.13").toAbsolutePath().toString()));
        assertNull(JniBinding.loadedPath("libimgcls-no-such-library.so.1"));
    }
}

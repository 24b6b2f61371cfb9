package dev.imgcls.kernels.cuda;

import static jcuda.nvrtc.JNvrtc.nvrtcCompileProgram;
import static jcuda.nvrtc.JNvrtc.nvrtcCreateProgram;
import static jcuda.nvrtc.JNvrtc.nvrtcDestroyProgram;
import static jcuda.nvrtc.JNvrtc.nvrtcGetCUBIN;
import static jcuda.nvrtc.JNvrtc.nvrtcGetCUBINSize;
import static jcuda.nvrtc.JNvrtc.nvrtcGetProgramLog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import jcuda.nvrtc.nvrtcProgram;
import jcuda.nvrtc.nvrtcResult;

/**
 * Compiles the kernel sources shipped as resources to a CUBIN for the GPU's own architecture with
 * NVRTC, and caches the result on disk as {@code <dir>/<sha256(header+source)>-sm_XY-nvrtc<ver>.cubin}
 * so later runs skip compilation. A CUBIN (not PTX) does not depend on the driver's PTX JIT.
 */
final class KernelCompiler {
    static final String RESOURCE_DIR = "/dev/imgcls/kernels/cuda/";
    static final String HEADER = "imgcls_common.cuh";

    private final Path cacheDir;
    private final int smMajor;
    private final int smMinor;
    private final String nvrtcVersion;

    KernelCompiler(Path cacheDir, int smMajor, int smMinor, String nvrtcVersion) {
        this.cacheDir = cacheDir;
        this.smMajor = smMajor;
        this.smMinor = smMinor;
        this.nvrtcVersion = nvrtcVersion;
    }

    /** The default cache folder: ~/.cache/imgcls/cuda (overridable with -Dimgcls.cuda.cache). */
    static Path defaultCacheDir() {
        String override = System.getProperty("imgcls.cuda.cache");
        return override != null ? Path.of(override) : Path.of(System.getProperty("user.home"), ".cache", "imgcls", "cuda");
    }

    static String readResource(String name) {
        try (InputStream in = KernelCompiler.class.getResourceAsStream(RESOURCE_DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("kernel source " + RESOURCE_DIR + name + " missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String arch() {
        return "sm_" + smMajor + smMinor;
    }

    Path cacheFile(String header, String source) {
        return cacheDir.resolve(sha256(header + "\0" + source) + "-" + arch() + "-nvrtc" + nvrtcVersion + ".cubin");
    }

    /** The CUBIN of {@code file} (e.g. "elementwise.cu"), from the cache or freshly compiled. */
    byte[] cubin(String file) {
        String header = readResource(HEADER);
        String source = readResource(file);
        Path cached = cacheFile(header, source);
        if (Files.isRegularFile(cached)) {
            try {
                return Files.readAllBytes(cached);
            } catch (IOException e) {
                // An unreadable cache entry is rebuilt below.
            }
        }
        byte[] cubin = compile(file, header, source);
        store(cached, cubin);
        return cubin;
    }

    private byte[] compile(String file, String header, String source) {
        nvrtcProgram program = new nvrtcProgram();
        CudaCheck.nvrtc(nvrtcCreateProgram(program, source, file, 1, new String[] {header}, new String[] {HEADER}), "nvrtcCreateProgram(" + file + ")");
        try {
            String[] options = {"--gpu-architecture=" + arch(), "-std=c++17"};
            int rc = nvrtcCompileProgram(program, options.length, options);
            if (rc != nvrtcResult.NVRTC_SUCCESS) {
                String[] log = new String[1];
                nvrtcGetProgramLog(program, log);
                throw new IllegalStateException("NVRTC could not compile " + file + " for " + arch() + ": "
                        + nvrtcResult.stringFor(rc) + "\n" + log[0]);
            }
            long[] size = new long[1];
            CudaCheck.nvrtc(nvrtcGetCUBINSize(program, size), "nvrtcGetCUBINSize");
            byte[] cubin = new byte[(int) size[0]];
            CudaCheck.nvrtc(nvrtcGetCUBIN(program, cubin), "nvrtcGetCUBIN");
            return cubin;
        } finally {
            nvrtcDestroyProgram(program);
        }
    }

    /** Writes through a temp file and a rename so concurrent processes never read half a file. */
    private void store(Path target, byte[] cubin) {
        try {
            Files.createDirectories(cacheDir);
            Path tmp = Files.createTempFile(cacheDir, "cubin", ".tmp");
            Files.write(tmp, cubin);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            // The cache only saves time; a read-only home still runs, compiling each start.
            System.err.println("[imgcls] could not cache CUDA kernel in " + cacheDir + ": " + e.getMessage());
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.imgcls.kernels.cuda;

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

/**
 * Compiles the kernel sources shipped as resources to a CUBIN for the GPU's own architecture with
 * NVRTC, and caches the result on disk as {@code <dir>/<sha256(header+source)>-sm_XY-nvrtc<ver>.cubin}
 * so later runs skip compilation. A CUBIN (not PTX) does not depend on the driver's PTX JIT. NVRTC
 * may be missing: the backend then runs on the jar's build-time images, and only a kernel that must
 * be compiled here fails, with NVRTC's problem and fix.
 */
final class KernelCompiler {
    static final String RESOURCE_DIR = "/dev/imgcls/kernels/cuda/";
    static final String HEADER = "imgcls_common.cuh";

    private final Path cacheDir;
    private final int smMajor;
    private final int smMinor;
    private final Loaded<Nvrtc> nvrtc;
    private final String nvrtcVersion;

    KernelCompiler(Path cacheDir, int smMajor, int smMinor, Loaded<Nvrtc> nvrtc) {
        this(cacheDir, smMajor, smMinor, nvrtc, nvrtc.found() ? nvrtc.library().version() : "none");
    }

    /** A compiler that only names cache files (host-side tests): NVRTC version given, no NVRTC opened. */
    KernelCompiler(Path cacheDir, int smMajor, int smMinor, String nvrtcVersion) {
        this(cacheDir, smMajor, smMinor, Loaded.missing(Nvrtc.NAME, "no NVRTC was opened for this compiler"), nvrtcVersion);
    }

    private KernelCompiler(Path cacheDir, int smMajor, int smMinor, Loaded<Nvrtc> nvrtc, String nvrtcVersion) {
        this.cacheDir = cacheDir;
        this.smMajor = smMajor;
        this.smMinor = smMinor;
        this.nvrtc = nvrtc;
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
        if (!nvrtc.found()) {
            throw new IllegalStateException("kernel " + file + " must be compiled for " + arch() + " (the jar has no image for it),"
                    + " but NVRTC is missing: " + nvrtc.status().problem());
        }
        String[] options = {"--gpu-architecture=" + arch(), "-std=c++17"};
        try {
            return nvrtc.library().compileCubin(source, file, new String[] {header}, new String[] {HEADER}, options);
        } catch (IllegalStateException e) {
            throw new IllegalStateException("NVRTC " + nvrtcVersion + " could not compile " + file + " for " + arch() + ": " + e.getMessage(), e);
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

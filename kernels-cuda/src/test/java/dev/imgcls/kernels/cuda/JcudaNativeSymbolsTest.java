package dev.imgcls.kernels.cuda;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import jcuda.JCudaVersion;
import org.junit.jupiter.api.Test;

/**
 * Catches a JCuda Java jar paired with native libraries of another version, without a GPU: every
 * JCuda method our compiled CUDA backend calls must reach a JNI entry point ({@code Java_jcuda_…})
 * that the linux-x86_64 driver library on the class path exports in its .dynsym; likewise every
 * native method of our bindings must be exported by the libimgcls_cuda.so we built. And it keeps
 * the backend version-proof: JCuda is used for the driver API only (its libJCudaDriver links just
 * libcuda.so.1), and our own library links no CUDA library, it only dlopens them.
 */
class JcudaNativeSymbolsTest {
    /** The native libraries the backend loads, as the JCuda loader names them for this version. */
    static final String[] LIBRARIES = {"JCudaDriver"};
    /** Our classes with native methods, all implemented in libimgcls_cuda.so. */
    static final List<Class<?>> BINDINGS = List.of(Cudnn.class, Cublas.class, Nvrtc.class, JniBinding.class);

    @Test
    void everyJniEntryPointWeCallIsExported() throws Exception {
        Set<String> exported = new HashSet<>();
        for (String lib : LIBRARIES) {
            String resource = "/lib/lib" + lib + "-" + JCudaVersion.get() + "-linux-x86_64.so";
            try (InputStream in = JCudaVersion.class.getResourceAsStream(resource)) {
                assertNotNull(in, "native library " + resource + " missing: the jcuda natives jar does not match JCuda "
                        + JCudaVersion.get());
                Set<String> symbols = ElfDynamicSymbols.defined(in.readAllBytes());
                assertFalse(symbols.isEmpty(), resource + " exports no symbols");
                exported.addAll(symbols);
            }
        }
        Set<String> required = requiredJniSymbols();
        assertTrue(required.size() >= 15, "found only " + required + " — is the scan of our classes working?");
        Set<String> missing = new TreeSet<>(required);
        missing.removeAll(exported);
        System.out.println("[JcudaNativeSymbolsTest] " + required.size() + " JNI entry points called by the CUDA backend, all checked against "
                + String.join(", ", LIBRARIES) + " " + JCudaVersion.get());
        assertTrue(missing.isEmpty(), "JNI entry points called by the CUDA backend but not exported by the JCuda "
                + JCudaVersion.get() + " natives: " + missing);
    }

    /** Our own bindings: every native method of theirs must be exported by libimgcls_cuda.so. */
    @Test
    void ourBindingExportsEveryNativeMethod() throws IOException {
        byte[] library = ourLibrary();
        Set<String> exported = ElfDynamicSymbols.defined(library);
        Set<String> required = new TreeSet<>();
        for (Class<?> c : BINDINGS) {
            for (Method m : c.getDeclaredMethods()) {
                if (Modifier.isNative(m.getModifiers())) {
                    required.add("Java_" + mangle(c.getName()) + "_" + mangle(m.getName()));
                }
            }
        }
        assertTrue(required.size() >= 40, "found only " + required);
        Set<String> missing = new TreeSet<>(required);
        missing.removeAll(exported);
        System.out.println("[JcudaNativeSymbolsTest] " + required.size() + " native methods of " + BINDINGS.size()
                + " binding classes, all checked against libimgcls_cuda.so");
        assertTrue(missing.isEmpty(), "native methods not exported by libimgcls_cuda.so: " + missing);
    }

    /** cuBLAS, NVRTC and cuDNN are dlopen'ed by file name at run time: a DT_NEEDED on any would pin one CUDA major version. */
    @Test
    void ourBindingLinksNoCudaLibrary() throws IOException {
        List<String> needed = ElfDynamicSymbols.needed(ourLibrary());
        System.out.println("[JcudaNativeSymbolsTest] libimgcls_cuda.so needs " + needed);
        assertTrue(needed.contains("libc.so.6"), "the DT_NEEDED reader works: " + needed);
        for (String lib : needed) {
            assertFalse(lib.startsWith("libcu") || lib.startsWith("libnvrtc") || lib.startsWith("libnvidia"),
                    "libimgcls_cuda.so links " + lib + " by name; it must only dlopen it (all needed: " + needed + ")");
        }
    }

    /** JCuda's driver library links only the driver, so it loads on a CUDA 12 or 13 machine alike. */
    @Test
    void jcudaDriverLibraryNeedsOnlyTheDriver() throws IOException {
        try (InputStream in = JCudaVersion.class.getResourceAsStream("/lib/libJCudaDriver-" + JCudaVersion.get() + "-linux-x86_64.so")) {
            List<String> needed = ElfDynamicSymbols.needed(in.readAllBytes());
            assertTrue(needed.contains("libcuda.so.1"), needed.toString());
            assertTrue(needed.stream().noneMatch(l -> l.startsWith("libcublas") || l.startsWith("libnvrtc") || l.startsWith("libcudnn")),
                    needed.toString());
        }
    }

    /** No class of ours touches JCuda's cuBLAS, NVRTC, cuDNN or runtime bindings, whose natives link .so.12 files by name. */
    @Test
    void noClassOfOursUsesJcudasVersionPinnedBindings() throws Exception {
        List<String> forbidden = List.of("jcuda/jcublas/", "jcuda/nvrtc/", "jcuda/jcudnn/", "jcuda/runtime/");
        Set<String> offenders = new TreeSet<>();
        int scanned = 0;
        for (Path f : ourClassFiles()) {
            scanned++;
            try (InputStream in = Files.newInputStream(f)) {
                for (String u : ClassFileReferences.utf8Constants(in)) {
                    if (forbidden.stream().anyMatch(u::contains)) {
                        offenders.add(f.getFileName() + ": " + u);
                    }
                }
            }
        }
        assertTrue(scanned >= 30, "scanned only " + scanned + " classes");
        assertTrue(offenders.isEmpty(), "classes referring to " + forbidden + ": " + offenders);
    }

    private static byte[] ourLibrary() throws IOException {
        String resource = String.format(JniBinding.RESOURCE, "linux-x86_64");
        try (InputStream in = JniBinding.class.getResourceAsStream(resource)) {
            assumeTrue(in != null, resource + " was not built (compile-jni.sh found no gcc at build time)");
            return in.readAllBytes();
        }
    }

    private static List<Path> ourClassFiles() throws IOException, URISyntaxException {
        Path classes = Path.of(CudaBackend.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("dev/imgcls/kernels/cuda");
        try (Stream<Path> s = Files.list(classes)) {
            return s.filter(p -> p.toString().endsWith(".class")).toList();
        }
    }

    @Test
    void elfReaderFindsKnownEntryPoints() throws IOException {
        try (InputStream in = JCudaVersion.class.getResourceAsStream("/lib/libJCudaDriver-" + JCudaVersion.get() + "-linux-x86_64.so")) {
            Set<String> symbols = ElfDynamicSymbols.defined(in.readAllBytes());
            assertTrue(symbols.contains("JNI_OnLoad"), "JNI_OnLoad");
            assertTrue(symbols.stream().anyMatch(s -> s.startsWith("Java_jcuda_driver_JCudaDriver_cuInit")), "cuInit entry point");
            // Imports (undefined symbols) are not reported as exports.
            assertFalse(symbols.contains("cuInit"), "the driver's own cuInit is an import of the JNI library");
        }
    }

    /**
     * For every jcuda.* method referenced from our compiled CUDA classes: the native methods it
     * reaches in the same class (JCuda's public {@code cuX} delegates to a private native
     * {@code cuXNative}), named the way JNI looks them up.
     */
    static Set<String> requiredJniSymbols() throws IOException, URISyntaxException, ClassNotFoundException {
        List<Path> files = ourClassFiles();
        Set<String> symbols = new TreeSet<>();
        for (Path f : files) {
            Set<String> refs;
            try (InputStream in = Files.newInputStream(f)) {
                refs = ClassFileReferences.methodRefs(in);
            }
            for (String ref : refs) {
                if (!ref.startsWith("jcuda/")) {
                    continue;
                }
                int dot = ref.lastIndexOf('.');
                Class<?> owner = Class.forName(ref.substring(0, dot).replace('/', '.'), false, CudaBackend.class.getClassLoader());
                String name = ref.substring(dot + 1);
                for (Method m : owner.getDeclaredMethods()) {
                    if (Modifier.isNative(m.getModifiers()) && (m.getName().equals(name) || m.getName().equals(name + "Native"))) {
                        symbols.add("Java_" + mangle(owner.getName()) + "_" + mangle(m.getName()));
                    }
                }
            }
        }
        return symbols;
    }

    /** JNI short-name mangling for the characters that occur in JCuda names. */
    static String mangle(String s) {
        return s.replace("_", "_1").replace('.', '_').replace("$", "_00024");
    }
}

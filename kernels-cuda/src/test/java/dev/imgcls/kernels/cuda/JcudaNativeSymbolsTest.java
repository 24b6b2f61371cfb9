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
import java.util.ArrayList;
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
 * that the linux-x86_64 native libraries on the class path export in their .dynsym; likewise every
 * native method of our {@link Cudnn} binding must be exported by the libimgcls_cudnn.so we built.
 */
class JcudaNativeSymbolsTest {
    /** The native libraries the backend loads, as the JCuda loader names them for this version. */
    static final String[] LIBRARIES = {"JCudaDriver", "JCudaRuntime", "JNvrtc", "JCublas2"};

    @Test
    void everyJniEntryPointWeCallIsExported() throws Exception {
        Set<String> exported = new HashSet<>();
        for (String lib : LIBRARIES) {
            String resource = "/lib/lib" + lib + "-" + JCudaVersion.get() + "-linux-x86_64.so";
            try (InputStream in = JCudaVersion.class.getResourceAsStream(resource)) {
                assertNotNull(in, "native library " + resource + " missing: the jcuda/jcublas natives jar does not match JCuda "
                        + JCudaVersion.get());
                Set<String> symbols = ElfDynamicSymbols.defined(in.readAllBytes());
                assertFalse(symbols.isEmpty(), resource + " exports no symbols");
                exported.addAll(symbols);
            }
        }
        Set<String> required = requiredJniSymbols();
        assertTrue(required.size() >= 20, "found only " + required + " — is the scan of our classes working?");
        Set<String> missing = new TreeSet<>(required);
        missing.removeAll(exported);
        System.out.println("[JcudaNativeSymbolsTest] " + required.size() + " JNI entry points called by the CUDA backend, all checked against "
                + String.join(", ", LIBRARIES) + " " + JCudaVersion.get());
        assertTrue(missing.isEmpty(), "JNI entry points called by the CUDA backend but not exported by the JCuda "
                + JCudaVersion.get() + " natives: " + missing);
    }

    /** Our own binding: every native method of {@link Cudnn} must be exported by libimgcls_cudnn.so. */
    @Test
    void ourCudnnBindingExportsEveryNativeMethodOfCudnn() throws IOException {
        String resource = String.format(Cudnn.RESOURCE, "linux-x86_64");
        try (InputStream in = Cudnn.class.getResourceAsStream(resource)) {
            assumeTrue(in != null, resource + " was not built (compile-jni.sh found no gcc at build time)");
            Set<String> exported = ElfDynamicSymbols.defined(in.readAllBytes());
            Set<String> required = new TreeSet<>();
            for (Method m : Cudnn.class.getDeclaredMethods()) {
                if (Modifier.isNative(m.getModifiers())) {
                    required.add("Java_" + mangle(Cudnn.class.getName()) + "_" + mangle(m.getName()));
                }
            }
            assertTrue(required.size() >= 30, "found only " + required);
            Set<String> missing = new TreeSet<>(required);
            missing.removeAll(exported);
            System.out.println("[JcudaNativeSymbolsTest] " + required.size() + " native methods of Cudnn, all checked against " + resource);
            assertTrue(missing.isEmpty(), "native methods of Cudnn not exported by libimgcls_cudnn.so: " + missing);
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
        Path classes = Path.of(CudaBackend.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("dev/imgcls/kernels/cuda");
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(classes)) {
            s.filter(p -> p.toString().endsWith(".class")).forEach(files::add);
        }
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

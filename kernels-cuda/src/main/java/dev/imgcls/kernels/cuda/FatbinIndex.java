package dev.imgcls.kernels.cuda;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.function.Function;

/**
 * What the build put in the jar under {@code dev/imgcls/kernels/cuda/fatbin/} (src/build/compile-cu.sh):
 * {@code index.properties} with the nvcc version, the SASS architectures, the PTX one and the kernel
 * files, and one {@code <name>.fatbin} per kernel source {@code <name>.cu}. A build without nvcc
 * writes {@code nvcc=none} and the reason instead.
 */
final class FatbinIndex {
    static final String DIR = KernelCompiler.RESOURCE_DIR + "fatbin/";
    static final String INDEX = DIR + "index.properties";

    private final Function<String, byte[]> resources;
    private final String absentReason;
    private final String nvccVersion;
    private final List<Integer> sassArchs;
    private final int ptxArch;
    private final List<String> files;

    /** @param resources reads a class-path resource by absolute name, null when it is missing */
    FatbinIndex(Function<String, byte[]> resources) {
        this.resources = resources;
        Properties p = new Properties();
        String reason = read(resources.apply(INDEX), p);
        List<Integer> sass = List.of();
        int ptx = 0;
        List<String> names = List.of();
        if (reason == null) {
            try {
                sass = Arrays.stream(p.getProperty("sass").split(",")).map(s -> Integer.valueOf(s.trim())).toList();
                ptx = Integer.parseInt(p.getProperty("ptx").trim());
                names = Arrays.stream(p.getProperty("files").split(",")).map(s -> s.trim() + ".cu").toList();
            } catch (NumberFormatException e) {
                reason = "malformed fatbin index " + INDEX + " (" + e.getMessage() + "); rebuild kernels-cuda";
            }
        }
        absentReason = reason;
        nvccVersion = reason == null ? p.getProperty("nvcc") : null;
        sassArchs = reason == null ? sass : List.of();
        ptxArch = reason == null ? ptx : 0;
        files = reason == null ? names : List.of();
    }

    /** Loads {@code index} into {@code into}; returns why there are no fatbins, or null when there are. */
    private static String read(byte[] index, Properties into) {
        if (index == null) {
            return "no fatbin index " + INDEX + " on the class path (these classes were not built by Maven; run mvn -pl kernels-cuda"
                    + " process-resources)";
        }
        try {
            into.load(new ByteArrayInputStream(index));
        } catch (IOException | IllegalArgumentException e) {
            return "unreadable fatbin index " + INDEX + " (" + e.getMessage() + "); rebuild kernels-cuda";
        }
        if ("none".equals(into.getProperty("nvcc"))) {
            return into.getProperty("reason", "no fatbins: built without nvcc");
        }
        for (String key : new String[] {"nvcc", "sass", "ptx", "files"}) {
            if (into.getProperty(key) == null) {
                return "incomplete fatbin index " + INDEX + " (no " + key + "=); rebuild kernels-cuda";
            }
        }
        return null;
    }

    /** The index this jar (or target/classes) carries. */
    static FatbinIndex fromClassPath() {
        return new FatbinIndex(FatbinIndex::readResource);
    }

    boolean hasFatbins() {
        return absentReason == null;
    }

    /** Why there are no fatbins (e.g. "no fatbins: built without nvcc ..."); null when there are. */
    String absentReason() {
        return absentReason;
    }

    String nvccVersion() {
        return nvccVersion;
    }

    /** The architectures every fatbin holds SASS for, e.g. [80, 90, 100]. */
    List<Integer> sassArchs() {
        return sassArchs;
    }

    /** The architecture of the PTX every fatbin holds, e.g. 100. */
    int ptxArch() {
        return ptxArch;
    }

    /** The kernel sources that have a fatbin, e.g. "bias.cu". */
    List<String> files() {
        return files;
    }

    /** The fatbin built from kernel source {@code file} ("bias.cu"), or null when the jar has none for it. */
    byte[] fatbin(String file) {
        return hasFatbins() ? resources.apply(DIR + file.replaceFirst("\\.cu$", "") + ".fatbin") : null;
    }

    private static byte[] readResource(String name) {
        try (InputStream in = FatbinIndex.class.getResourceAsStream(name)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + name + " from the class path", e);
        }
    }
}

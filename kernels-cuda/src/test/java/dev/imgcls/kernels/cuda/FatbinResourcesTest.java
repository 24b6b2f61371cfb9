package dev.imgcls.kernels.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The build output (what the jar is made of) holds a fatbin for every kernel source, each with SASS
 * for every architecture the index names plus the PTX; a build without nvcc says so in the index.
 */
class FatbinResourcesTest {
    @Test
    void theBuildAlwaysWritesAnIndex() {
        FatbinIndex index = FatbinIndex.fromClassPath();
        assertNotNull(FatbinIndex.class.getResource(FatbinIndex.INDEX), FatbinIndex.INDEX + " missing: compile-cu.sh did not run");
        assertTrue(index.hasFatbins() || index.absentReason().startsWith("no fatbins: "), index.absentReason());
    }

    @Test
    void everyKernelSourceHasAFatbinWithSassForEveryIndexedArchAndThePtx() throws IOException, URISyntaxException {
        FatbinIndex index = FatbinIndex.fromClassPath();
        assumeTrue(index.hasFatbins(), "this build has no fatbins to check: " + index.absentReason());
        assertEquals(kernelSources(), index.files().stream().sorted().toList(), "the index lists every .cu resource");
        assertTrue(index.sassArchs().contains(80) || index.sassArchs().contains(90), "SASS for today's data-centre GPUs: " + index.sassArchs());
        assertEquals(Collections.max(index.sassArchs()), index.ptxArch(), "the PTX is of the newest SASS architecture");
        for (String file : index.files()) {
            byte[] fatbin = index.fatbin(file);
            assertNotNull(fatbin, file + ": no fatbin in the build output");
            List<KernelImage> images = FatbinImages.parse(fatbin);
            List<Integer> sass = images.stream().filter(i -> i.kind() == KernelImage.Kind.SASS).map(KernelImage::arch).sorted().toList();
            List<Integer> ptx = images.stream().filter(i -> i.kind() == KernelImage.Kind.PTX).map(KernelImage::arch).toList();
            assertEquals(index.sassArchs(), sass, file + ": " + KernelImageChoice.inventory(images));
            assertEquals(List.of(index.ptxArch()), ptx, file + ": " + KernelImageChoice.inventory(images));
            assertTrue(images.stream().allMatch(i -> i.variant() == KernelImage.Variant.GENERIC), file + ": generic code only");
        }
    }

    /** The .cu resources in every class-path folder holding the kernel package (target/classes and target/test-classes here). */
    private static List<String> kernelSources() throws IOException, URISyntaxException {
        List<String> sources = new ArrayList<>();
        for (URL dir : Collections.list(KernelCompiler.class.getClassLoader().getResources(KernelCompiler.RESOURCE_DIR.substring(1)))) {
            assumeTrue("file".equals(dir.getProtocol()), "kernel resources are not a folder here: " + dir);
            try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
                files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".cu")).forEach(sources::add);
            }
        }
        assertFalse(sources.isEmpty(), "no .cu resources under " + KernelCompiler.RESOURCE_DIR + " on the class path");
        return sources.stream().sorted().toList();
    }
}

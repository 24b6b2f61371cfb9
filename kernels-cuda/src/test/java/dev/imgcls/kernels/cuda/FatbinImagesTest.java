package dev.imgcls.kernels.cuda;

import static dev.imgcls.kernels.cuda.KernelImageChoiceTest.ptx;
import static dev.imgcls.kernels.cuda.KernelImageChoiceTest.sass;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fatbin container parser, on a sample nvcc 13.0 wrote, on broken input, and against cuobjdump where it is installed. */
class FatbinImagesTest {
    /**
     * Written by nvcc 13.0 from {@code extern "C" __global__ void tiny(float* x) { x[threadIdx.x] += 1.0f; }} with
     * {@code nvcc -fatbin -gencode arch=compute_80,code=sm_80 -gencode arch=compute_90a,code=sm_90a
     * -gencode arch=compute_100f,code=sm_103f -gencode arch=compute_100,code=[sm_100,compute_100]
     * -gencode arch=compute_80,code=compute_80 -gencode arch=compute_90,code=lto_90}: compressed PTX,
     * 64/80/112-byte entry headers, both variant flags and an LTO entry to skip.
     */
    static final String SAMPLE = "sample-nvcc13.0.fatbin";

    static byte[] sample() throws IOException {
        try (InputStream in = FatbinImagesTest.class.getResourceAsStream(SAMPLE)) {
            assertNotNull(in, SAMPLE + " missing from the test class path");
            return in.readAllBytes();
        }
    }

    @Test
    void listsEveryPtxAndSassImageOfNvccsOutputInFileOrder() throws IOException {
        assertEquals(List.of(ptx(80),
                sass(80),
                new KernelImage(KernelImage.Kind.SASS, 90, KernelImage.Variant.ARCH_SPECIFIC, 1, 8),
                new KernelImage(KernelImage.Kind.SASS, 103, KernelImage.Variant.FAMILY_SPECIFIC, 1, 8),
                sass(100),
                ptx(100)), FatbinImages.parse(sample()));
    }

    @Test
    void readsContainersBackToBack() throws IOException {
        byte[] one = sample();
        byte[] two = Arrays.copyOf(one, 2 * one.length);
        System.arraycopy(one, 0, two, one.length, one.length);
        List<KernelImage> images = FatbinImages.parse(two);
        assertEquals(12, images.size());
        assertEquals(images.subList(0, 6), images.subList(6, 12));
    }

    @Test
    void readsWhatTheTestWriterWrites() {
        List<KernelImage> images = List.of(sass(80), sass(90), sass(100), ptx(100));
        assertEquals(images, FatbinImages.parse(FatbinBytes.container(images.toArray(KernelImage[]::new))));
    }

    @Test
    void rejectsBytesThatAreNotAWellFormedFatbin() throws IOException {
        byte[] sample = sample();
        assertTrue(message(new byte[0]).contains("truncated container header"), message(new byte[0]));
        byte[] cubin = sample.clone();
        cubin[0] = 0x7f;
        assertTrue(message(cubin).contains("magic 0xBA55ED7F instead of 0xBA55ED50"), message(cubin));
        byte[] cut = Arrays.copyOf(sample, sample.length - 8);
        assertTrue(message(cut).contains("runs past the end of the " + cut.length + "-byte file"), message(cut));
        byte[] overrun = FatbinBytes.container(sass(80));
        ByteBuffer.wrap(overrun).order(ByteOrder.LITTLE_ENDIAN).putLong(16 + 8, 1 << 20);
        assertTrue(message(overrun).contains("does not fit its container"), message(overrun));
        byte[] tinyHeader = FatbinBytes.container(sass(80));
        ByteBuffer.wrap(tinyHeader).order(ByteOrder.LITTLE_ENDIAN).putInt(16 + 4, 8);
        assertTrue(message(tinyHeader).contains("8-byte header"), message(tinyHeader));
        assertTrue(message(cubin).contains("rebuild kernels-cuda with nvcc"), "says how to fix it");
    }

    private static String message(byte[] bytes) {
        return assertThrows(IllegalArgumentException.class, () -> FatbinImages.parse(bytes)).getMessage();
    }

    /** Lines such as "ELF file    1: bias.1.sm_80.cubin" and "PTX file    1: bias.1.sm_100.ptx". */
    private static final Pattern CUOBJDUMP_LINE = Pattern.compile("(ELF|PTX) file\\s+\\d+:\\s*\\S*(?:sm|compute)_(\\d+)([af]?)");

    @Test
    void agreesWithCuobjdumpOnTheSampleAndOnTheBuildsFatbins(@TempDir Path dir) throws Exception {
        assumeTrue(onPath("cuobjdump"), "cuobjdump is not on the PATH (it comes with the full CUDA toolkit): cross-check skipped");
        List<byte[]> fatbins = new ArrayList<>(List.of(sample()));
        FatbinIndex index = FatbinIndex.fromClassPath();
        for (String file : index.files()) {
            fatbins.add(index.fatbin(file));
        }
        for (int n = 0; n < fatbins.size(); n++) {
            Path f = dir.resolve(n + ".fatbin");
            Files.write(f, fatbins.get(n));
            List<String> ours = FatbinImages.parse(fatbins.get(n)).stream()
                    .map(i -> (i.kind() == KernelImage.Kind.SASS ? "ELF " : "PTX ") + i.arch() + i.variant().suffix).sorted().toList();
            String listing = run("cuobjdump", "--list-elf", "--list-ptx", f.toString());
            List<String> theirs = new ArrayList<>();
            Matcher m = CUOBJDUMP_LINE.matcher(listing);
            while (m.find()) {
                theirs.add(m.group(1) + " " + m.group(2) + m.group(3));
            }
            assertFalse(theirs.isEmpty(), "no images recognised in cuobjdump's listing:\n" + listing);
            assertEquals(ours, theirs.stream().sorted().toList(), "fatbin " + n + " (0 = the sample); cuobjdump says:\n" + listing);
        }
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        return path != null && Arrays.stream(path.split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", command) + " did not finish");
        assertEquals(0, p.exitValue(), String.join(" ", command) + ":\n" + out);
        return out;
    }
}

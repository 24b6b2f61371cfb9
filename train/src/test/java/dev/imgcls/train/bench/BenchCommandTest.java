package dev.imgcls.train.bench;

import dev.imgcls.data.example.ImageExampleBuilder;
import dev.imgcls.data.tfrecord.Compression;
import dev.imgcls.data.tfrecord.TFRecordWriter;
import dev.imgcls.nn.optim.OptimizerType;
import dev.imgcls.tensor.profile.OpKind;
import dev.imgcls.tensor.profile.OpStats;
import dev.imgcls.train.cli.ArgumentException;
import dev.imgcls.train.cli.DeviceChoice;
import dev.imgcls.train.command.Main;
import dev.imgcls.train.loop.DeviceSelection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchCommandTest {
    private static final String[] TINY = {"--model_type=resnet-18", "--image_size=32", "--train_batch_size=2",
            "--warmup_steps=1", "--steps=2", "--num_classes=10"};

    @Test
    void tinyRunMeasuresStepsProfileAndMemory() throws Exception {
        BenchResult r = new BenchRun(BenchOptions.parse(TINY), DeviceSelection.resolve(DeviceChoice.CPU, List.of()),
                new PrintStream(new ByteArrayOutputStream())).execute();

        assertEquals(2, r.stepNanos().length);
        assertEquals(1, r.warmupNanos().length);
        assertTrue(Arrays.stream(r.stepNanos()).allMatch(t -> t > 0));
        assertTrue(r.imagesPerSecond() > 0 && Double.isFinite(r.imagesPerSecond()));
        assertTrue(Double.isFinite(r.firstValue()) && Double.isFinite(r.lastValue()));

        var kinds = r.profile().kinds();
        for (OpKind k : List.of(OpKind.CONV_FORWARD, OpKind.CONV_BACKWARD_DATA, OpKind.CONV_BACKWARD_FILTER, OpKind.BATCH_NORM,
                OpKind.ELEMENTWISE, OpKind.MATMUL, OpKind.LOSS)) {
            assertTrue(kinds.containsKey(k), "a ResNet training step runs " + k);
        }
        // ResNet-18 has 21 convolutions: 17 in the trunk and a projection shortcut in the first block of
        // each of the 4 groups (the reference projects in group 1 too). Once per step each.
        assertEquals(2 * 21, kinds.get(OpKind.CONV_FORWARD).calls());
        // Every conv but the first needs its input gradient; the first one's (w.r.t. the images) may be
        // skipped by autograd, or not (today it is computed: the backward rule returns both gradients).
        long backwardData = kinds.get(OpKind.CONV_BACKWARD_DATA).calls();
        assertTrue(backwardData == 2 * 20 || backwardData == 2 * 21, "backward-data calls " + backwardData);
        assertEquals(2 * 21, kinds.get(OpKind.CONV_BACKWARD_FILTER).calls());
        assertTrue(kinds.get(OpKind.CONV_FORWARD).flops() > 0);
        assertEquals(kinds.get(OpKind.CONV_FORWARD).flops(), kinds.get(OpKind.CONV_BACKWARD_FILTER).flops(),
                "backward-filter does the forward's multiply-adds");

        // Kernels + framework (+ data, zero here but timed) account for the whole step time.
        long kernels = kinds.values().stream().mapToLong(OpStats::nanos).sum();
        assertEquals(r.totalStepNanos(), kernels + r.profile().allocationNanos() + r.frameworkNanos() + r.totalDataNanos());
        assertTrue(r.profile().allocatedBytes() > 2L * 2 * 16 * 16 * 64 * 4, "at least the first conv's output each step");
        assertTrue(kernels > 0 && kernels <= r.totalStepNanos());
        assertTrue(r.frameworkNanos() >= 0);
        assertTrue(r.gcMillis() >= 0 && r.gcCount() >= 0);

        assertTrue(r.heapAfterGcStart() > 0 && r.heapAfterGcEnd() > 0 && r.peakHeap() >= r.heapAfterGcEnd() / 2);
        if (r.peakRss().isPresent()) {
            assertTrue(r.peakRss().getAsLong() > r.heapAfterGcStart());
        }
    }

    @Test
    void reportHasEverySectionAndSharesAddUp() {
        Output o = run(TINY);
        assertEquals(BenchCommand.OK, o.code, o.err);
        String text = o.out;
        for (String section : List.of("backend: cpu", "JDK:", "throughput:", "images/s", "median step",
                "against PyTorch: " + BenchReport.PEER_HARNESS, "time by op kind", "conv forward",
                "conv backward-data", "conv backward-filter", "batch norm", "output allocation", "framework/other", "dense math:", "GFLOP/s",
                "GC pauses", "collectors:", "top ops", "heap after GC", "peak heap", "peak RSS")) {
            assertTrue(text.contains(section), "missing '" + section + "' in:\n" + text);
        }
        // The kind rows plus framework/other must account for the whole step (rounding aside).
        String shares = text.substring(text.indexOf("time by op kind"), text.indexOf("step total"));
        Matcher m = Pattern.compile("([0-9.]+)%").matcher(shares);
        double sum = 0;
        while (m.find()) {
            sum += Double.parseDouble(m.group(1));
        }
        assertEquals(100, sum, 1.0, text);
        // No PyTorch figure from another machine (nor a ratio to one): only the harness, run here, gives one.
        text.lines().filter(line -> line.contains("PyTorch"))
                .forEach(line -> assertFalse(line.replace("2.7.1", "").matches(".*[0-9].*"), line));
        assertTrue(o.err.contains("measured step 2/2"), o.err);
    }

    @Test
    void readsTfRecordsAndReportsDataTime(@TempDir Path dir) throws IOException {
        try (TFRecordWriter w = TFRecordWriter.create(dir.resolve("train-00000-of-00001").toString(), Compression.NONE)) {
            for (int i = 0; i < 6; i++) {
                w.write(new ImageExampleBuilder().encoded(png(20 + i, 17, i)).label(i % 3).toByteArray());
            }
            w.commit();
        }
        String[] args = {"--model_type=resnet-18", "--image_size=32", "--train_batch_size=2", "--warmup_steps=0", "--steps=2",
                "--num_classes=3", "--data=" + dir.resolve("train-*")};
        Output o = run(args);
        assertEquals(BenchCommand.OK, o.code, o.err);
        assertTrue(o.out.contains("data (input wait)") && o.out.contains(dir.toString()), o.out);
    }

    static byte[] png(int width, int height, int seed) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, (x * 37 + y * 11 + seed * 101) * 2654435 & 0xFFFFFF);
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(image, "png", bytes);
        return bytes.toByteArray();
    }

    @Test
    void parsesDefaultsAndBothFlagSpellings() {
        BenchOptions o = BenchOptions.parse(new String[] {"--model_type", "efficientnet-b0", "--steps=4", "--optimizer_type=adam",
                "--data", "/tmp/train-*"});
        assertEquals("efficientnet-b0", o.modelType());
        assertEquals(224, o.imageSize());
        assertEquals(32, o.batchSize());
        assertEquals(4, o.steps());
        assertEquals(OptimizerType.ADAM, o.optimizerType());
        assertEquals("/tmp/train-*", o.data());
        assertFalse(o.synthetic());
        assertTrue(o.profile());
        assertNull(BenchOptions.parse(new String[] {"--model_type=resnet-18", "--data=synthetic"}).data());
    }

    @Test
    void argumentErrorsAreAllReported() {
        ArgumentException e = assertThrows(ArgumentException.class, () -> BenchOptions.parse(new String[] {
                "--image_size=abc", "--steps=0", "--optimizer_type=sgd", "--colour=red", "--threads", "--profile=maybe"}));
        String all = String.join("\n", e.problems());
        for (String expected : List.of("missing required argument --model_type", "--image_size expects an integer",
                "--steps must be at least 1", "unknown optimizer_type 'sgd'", "unknown argument --colour", "--threads needs a value",
                "--profile expects true or false")) {
            assertTrue(all.contains(expected), "missing '" + expected + "' in:\n" + all);
        }
        assertTrue(assertThrows(ArgumentException.class, () -> BenchOptions.parse(new String[] {"--model_type=resnet-19"}))
                .getMessage().contains("--model_type 'resnet-19' is not one of"));
        // As for every command, a repeated flag keeps its last value.
        assertEquals(3, BenchOptions.parse(new String[] {"--model_type=resnet-18", "--steps=2", "--steps=3"}).steps());
    }

    @Test
    void commandExitCodes() {
        Output bad = run(new String[] {"--model_type=resnet-18", "--train_batch_size=-1"});
        assertEquals(BenchCommand.BAD_ARGUMENTS, bad.code);
        assertTrue(bad.err.contains("error: --train_batch_size must be at least 1"), bad.err);
        assertTrue(bad.out.isEmpty());

        Output help = run(new String[] {"--help"});
        assertEquals(BenchCommand.OK, help.code);
        assertTrue(help.out.contains("--train_batch_size"));

        Output missing = run(new String[] {"--model_type=resnet-18", "--image_size=32", "--train_batch_size=2", "--steps=1",
                "--warmup_steps=0", "--data=/nonexistent/dir/train-*"});
        assertEquals(BenchCommand.FAILED, missing.code);
        assertTrue(missing.err.contains("imgcls bench:"), missing.err);
    }

    private record Output(int code, String out, String err) {
    }

    private static Output run(String[] args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] command = new String[args.length + 1];
        command[0] = "bench";
        System.arraycopy(args, 0, command, 1, args.length);
        int code = Main.run(command, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Output(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}

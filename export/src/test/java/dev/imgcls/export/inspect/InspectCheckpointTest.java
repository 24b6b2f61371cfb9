package dev.imgcls.export.inspect;

import dev.imgcls.export.checkpoint.CheckpointStateFile;
import dev.imgcls.export.checkpoint.TensorFlowCheckpoints;
import dev.imgcls.export.checkpoint.TensorFlowCheckpoints.TfValue;
import dev.imgcls.export.proto.CheckpointState;
import dev.imgcls.export.proto.DataType;
import dev.imgcls.io.FileSystems;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code inspect} on checkpoints written by TensorFlow itself. */
class InspectCheckpointTest {

    private record Run(int status, String out, String err) {}

    /** A small TF1-style ResNet head: name, dtype, shape. */
    private static final List<String> NAMES = List.of("global_step", "conv2d/kernel", "batch_normalization/gamma",
            "batch_normalization/moving_mean", "dense/kernel", "dense/bias", "dense/kernel/Momentum", "_CHECKPOINTABLE_OBJECT_GRAPH");
    private static final List<DataType> DTYPES = List.of(DataType.DT_INT64, DataType.DT_FLOAT, DataType.DT_FLOAT, DataType.DT_FLOAT,
            DataType.DT_FLOAT, DataType.DT_FLOAT, DataType.DT_FLOAT, DataType.DT_STRING);
    private static final List<long[]> DIMS = List.of(new long[0], new long[] {7, 7, 3, 64}, new long[] {64}, new long[] {64},
            new long[] {2048, 10}, new long[] {10}, new long[] {2048, 10}, new long[0]);

    private static TensorFlowCheckpoints tensorFlow;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadTensorFlow() {
        tensorFlow = new TensorFlowCheckpoints();
    }

    private String saveWithTensorFlow(String name) {
        List<TfValue> values = new ArrayList<>();
        for (int i = 0; i < NAMES.size(); i++) {
            long n = 1;
            for (long d : DIMS.get(i)) {
                n *= d;
            }
            values.add(DTYPES.get(i) == DataType.DT_STRING
                    ? TfValue.strings(DIMS.get(i), List.of("graph".getBytes(StandardCharsets.UTF_8)))
                    : TfValue.numeric(DTYPES.get(i), DIMS.get(i), new byte[(int) n * (DTYPES.get(i) == DataType.DT_INT64 ? 8 : 4)]));
        }
        String prefix = dir.resolve(name).toString();
        tensorFlow.save(prefix, NAMES, values);
        return prefix;
    }

    private static Run inspect(String path) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = InspectCheckpoint.run(path, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), FileSystems.defaults());
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** What inspect must print for the checkpoint at {@code prefix}, derived from the lists above. */
    private static String expectedListing(String prefix) {
        List<String> lines = new ArrayList<>();
        long parameters = 0;
        for (int i = 0; i < NAMES.size(); i++) {
            StringBuilder dims = new StringBuilder();
            long n = 1;
            for (long d : DIMS.get(i)) {
                dims.append(dims.length() == 0 ? "" : ",").append(d);
                n *= d;
            }
            lines.add(NAMES.get(i) + " (" + DTYPES.get(i).name() + ") [" + dims + "]");
            if (DTYPES.get(i) != DataType.DT_STRING) {
                parameters += n;
            }
        }
        lines.sort(null); // all names are ASCII, so String order is TF's byte order
        return "checkpoint " + prefix + "\n" + String.join("\n", lines) + "\n" + NAMES.size() + " variables, " + parameters
                + " parameters (elements of numeric variables)\n";
    }

    @Test
    void listsEveryVariableSortedWithTotalsForAPrefixOrItsFiles() {
        String prefix = saveWithTensorFlow("model.ckpt-1000");
        for (String arg : new String[] {prefix, prefix + ".index", prefix + ".data-00000-of-00001"}) {
            Run run = inspect(arg);
            assertEquals(0, run.status(), run.err());
            assertEquals(expectedListing(prefix), run.out(), arg);
        }
    }

    @Test
    void aDirectoryMeansItsLatestCheckpoint() throws IOException {
        saveWithTensorFlow("model.ckpt-5");
        String latest = saveWithTensorFlow("model.ckpt-10");
        Run listed = inspect(dir.toString());
        assertEquals(0, listed.status(), listed.err());
        assertEquals(expectedListing(latest), listed.out(), "no state file: the highest step");

        CheckpointStateFile.write(FileSystems.defaults(), dir.toString(), CheckpointState.newBuilder()
                .setModelCheckpointPath("model.ckpt-5").addAllModelCheckpointPaths("model.ckpt-5").build());
        Run stated = inspect(dir.toString());
        assertEquals(expectedListing(dir.resolve("model.ckpt-5").toString()), stated.out(), "the state file's newest");
    }

    @Test
    void missingAndUnusableCheckpointsGiveClearErrors() throws IOException {
        String missing = dir.resolve("nope/model.ckpt-1").toString();
        Run run = inspect(missing);
        assertEquals(1, run.status());
        assertEquals("", run.out());
        assertTrue(run.err().contains(missing) && run.err().contains("no checkpoint here"), run.err());

        Run index = inspect(missing + ".index");
        assertEquals(1, index.status());
        assertTrue(index.err().contains(missing + ".index"), index.err());

        Files.createDirectories(dir.resolve("empty-run"));
        Files.writeString(dir.resolve("empty-run/notes.txt"), "no checkpoints yet");
        Run empty = inspect(dir.resolve("empty-run").toString());
        assertEquals(1, empty.status());
        assertTrue(empty.err().contains("holds no complete checkpoint"), empty.err());

        String v1 = dir.resolve("model.ckpt-old").toString();
        tensorFlow.saveV1(v1, List.of("w"), List.of(TfValue.numeric(DataType.DT_FLOAT, new long[] {1}, new byte[4])));
        Run old = inspect(v1);
        assertEquals(1, old.status());
        assertTrue(old.err().contains("V1"), old.err());

        Path corrupt = Path.of(saveWithTensorFlow("model.ckpt-3") + ".index");
        byte[] bytes = Files.readAllBytes(corrupt);
        bytes[bytes.length - 1] ^= 1;
        Files.write(corrupt, bytes);
        Run bad = inspect(corrupt.toString());
        assertEquals(1, bad.status());
        assertTrue(bad.err().contains(corrupt.toString()) && bad.err().contains("magic number"), bad.err());
    }
}

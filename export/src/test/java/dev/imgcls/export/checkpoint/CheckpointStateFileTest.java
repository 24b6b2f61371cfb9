package dev.imgcls.export.checkpoint;

import dev.imgcls.export.proto.CheckpointState;
import dev.imgcls.io.FileSystems;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The text-format {@code checkpoint} file, as TF's Python writes and parses it. */
class CheckpointStateFileTest {

    @TempDir
    Path dir;

    @Test
    void writesOneFieldPerLineInFieldOrderLikeTensorFlow() {
        CheckpointState state = CheckpointState.newBuilder()
                .setModelCheckpointPath("model.ckpt-2000")
                .addAllModelCheckpointPaths("model.ckpt-1000")
                .addAllModelCheckpointPaths("model.ckpt-2000")
                .addAllModelCheckpointTimestamps(1700000000.25)
                .addAllModelCheckpointTimestamps(1700000100.5)
                .setLastPreservedTimestamp(1699999990.125)
                .build();
        assertEquals("""
                model_checkpoint_path: "model.ckpt-2000"
                all_model_checkpoint_paths: "model.ckpt-1000"
                all_model_checkpoint_paths: "model.ckpt-2000"
                all_model_checkpoint_timestamps: 1700000000.25
                all_model_checkpoint_timestamps: 1700000100.5
                last_preserved_timestamp: 1699999990.125
                """, CheckpointStateFile.format(state));
    }

    @Test
    void parsesWhatTensorFlowWrites() throws IOException {
        // A TF1 Saver's file: absolute paths, Python-repr timestamps, a trailing newline.
        String text = """
                model_checkpoint_path: "/tmp/run/model.ckpt-2000"
                all_model_checkpoint_paths: "/tmp/run/model.ckpt-1000"
                all_model_checkpoint_paths: "/tmp/run/model.ckpt-2000"
                all_model_checkpoint_timestamps: 1700000000.123456
                all_model_checkpoint_timestamps: 1.7000001e+09
                last_preserved_timestamp: 1699999990.5
                """;
        CheckpointState state = CheckpointStateFile.parse(text, "checkpoint");
        assertEquals("/tmp/run/model.ckpt-2000", state.getModelCheckpointPath());
        assertEquals(List.of("/tmp/run/model.ckpt-1000", "/tmp/run/model.ckpt-2000"), state.getAllModelCheckpointPathsList());
        assertEquals(List.of(1700000000.123456, 1.7000001e9), state.getAllModelCheckpointTimestampsList());
        assertEquals(1699999990.5, state.getLastPreservedTimestamp());
    }

    @Test
    void stringsRoundTripThroughPythonStyleEscapes() throws IOException {
        String awkward = "dir with \"quotes\", a back\\slash, tab\t, newline\n and caf\u00e9";
        assertEquals("\"dir with \\\"quotes\\\", a back\\\\slash, tab\\t, newline\\n and caf\\303\\251\"",
                CheckpointStateFile.quote(awkward));
        CheckpointState state = CheckpointState.newBuilder().setModelCheckpointPath(awkward).addAllModelCheckpointPaths(awkward).build();
        assertEquals(state, CheckpointStateFile.parse(CheckpointStateFile.format(state), "checkpoint"));
    }

    @Test
    void doublesArePrintedAsPythonRepr() {
        assertEquals("1700000000.0", CheckpointStateFile.pythonRepr(1700000000.0));
        assertEquals("1700000000.123", CheckpointStateFile.pythonRepr(1700000000.123));
        assertEquals("0.5", CheckpointStateFile.pythonRepr(0.5));
        assertEquals("0.0001", CheckpointStateFile.pythonRepr(1e-4));
        assertEquals("1e-05", CheckpointStateFile.pythonRepr(1e-5));
        assertEquals("1e+16", CheckpointStateFile.pythonRepr(1e16));
        assertEquals("1234567890123456.0", CheckpointStateFile.pythonRepr(1234567890123456.0));
        assertEquals("-2.5e-07", CheckpointStateFile.pythonRepr(-2.5e-7));
        assertEquals("-0.0", CheckpointStateFile.pythonRepr(-0.0));
        for (double d : new double[] {1700000000.123456, 0.1, 1.0 / 3, 123.456e-10}) {
            assertEquals(d, Double.parseDouble(CheckpointStateFile.pythonRepr(d)), "round trip of " + d);
        }
    }

    @Test
    void aGarbledFileIsReportedWithItsPath() throws IOException {
        Files.writeString(dir.resolve("checkpoint"), "model_checkpoint_path: \"unterminated\n");
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
                () -> CheckpointStateFile.read(FileSystems.defaults(), dir.toString()));
        assertTrue(e.getMessage().contains(dir.resolve("checkpoint").toString()), e.getMessage());
    }

    @Test
    void aMissingFileIsEmptyAndAWrittenOneReadsBack() throws IOException {
        assertTrue(CheckpointStateFile.read(FileSystems.defaults(), dir.toString()).isEmpty());
        CheckpointState state = CheckpointState.newBuilder().setModelCheckpointPath("model.ckpt-1").addAllModelCheckpointPaths("model.ckpt-1")
                .build();
        CheckpointStateFile.write(FileSystems.defaults(), dir.toString(), state);
        assertEquals(state, CheckpointStateFile.read(FileSystems.defaults(), dir.toString()).orElseThrow());
        assertEquals("model_checkpoint_path: \"model.ckpt-1\"\nall_model_checkpoint_paths: \"model.ckpt-1\"\n",
                Files.readString(dir.resolve("checkpoint")));
    }
}

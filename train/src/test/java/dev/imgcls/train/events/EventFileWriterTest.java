package dev.imgcls.train.events;

import dev.imgcls.data.tfrecord.Compression;
import dev.imgcls.data.tfrecord.TFRecord;
import dev.imgcls.data.tfrecord.TFRecordReader;
import dev.imgcls.train.events.proto.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventFileWriterTest {
    @TempDir
    Path dir;

    private static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replace(" ", ""));
    }

    static List<Event> readEvents(Path file) throws IOException {
        List<Event> events = new ArrayList<>();
        try (TFRecordReader reader = TFRecordReader.open(file.toString(), Compression.NONE)) {
            for (TFRecord r = reader.next(); r != null; r = reader.next()) {
                events.add(Event.parseFrom(r.payload()));
            }
        }
        return events;
    }

    @Test
    void bytesAreThoseOfTfFormatsSection7_5() throws IOException {
        SteppingClock clock = new SteppingClock(1700000000.0, 1700000001.5);
        try (EventFileWriter writer = EventFileWriter.open(dir.toString(), clock, "testhost")) {
            assertEquals(dir.resolve("events.out.tfevents.1700000000.testhost").toString(), writer.path());
            writer.scalar(3, "loss", 0.5);
        }
        byte[] expected = hex("18 00 00 00 00 00 00 00 a3 7f 4b 22 09 00 00 00 40 fc 54 d9 41 1a 0d 62 72 61 69 6e 2e 45 76 65 6e 74 3a 32 ec ed 8f 9d"
                + "1a 00 00 00 00 00 00 00 12 9b d8 2d 09 00 00 60 40 fc 54 d9 41 10 03 2a 0d 0a 0b 0a 04 6c 6f 73 73 15 00 00 00 3f 96 25 3a 59");
        assertArrayEquals(expected, Files.readAllBytes(dir.resolve("events.out.tfevents.1700000000.testhost")));
    }

    @Test
    void everyWriteIsOnDiskBeforeTheWriterCloses() throws IOException {
        SteppingClock clock = new SteppingClock(1700000100.25, 1700000101.0, 1700000102.0);
        try (EventFileWriter writer = EventFileWriter.open(dir.toString(), clock, "h")) {
            Path file = Path.of(writer.path());
            assertEquals(1, readEvents(file).size());
            Map<String, Double> scalars = new LinkedHashMap<>();
            scalars.put("loss", 2.25);
            scalars.put("learning_rate", 0.1);
            scalars.put("images_per_sec", 37.5);
            writer.scalars(10, scalars);
            List<Event> events = readEvents(file);
            assertEquals(2, events.size());
            Event first = events.get(0);
            assertEquals("brain.Event:2", first.getFileVersion());
            assertEquals(1700000100.0, first.getWallTime(), "the file_version event has whole seconds, as TF writes it");
            Event step = events.get(1);
            assertEquals(10, step.getStep());
            assertEquals(1700000101.0, step.getWallTime());
            assertEquals(List.of("loss", "learning_rate", "images_per_sec"), step.getSummary().getValueList().stream()
                    .map(v -> v.getTag()).toList());
            assertEquals(0.1f, step.getSummary().getValue(1).getSimpleValue());
            writer.scalar(20, "loss", 1.75);
            assertEquals(3, readEvents(file).size());
        }
    }

    @Test
    void aSecondWriterInTheSameSecondGetsItsOwnFile() throws IOException {
        try (EventFileWriter a = EventFileWriter.open(dir.toString(), new SteppingClock(1700000000.1), "h");
             EventFileWriter b = EventFileWriter.open(dir.toString(), new SteppingClock(1700000000.9), "h")) {
            assertEquals(dir.resolve("events.out.tfevents.1700000000.h").toString(), a.path());
            assertEquals(dir.resolve("events.out.tfevents.1700000000.h.1").toString(), b.path());
        }
    }

    @Test
    void hostNamesAreMadeSafeForFileNames() throws IOException {
        try (EventFileWriter w = EventFileWriter.open(dir.toString(), new SteppingClock(5), "a/b c")) {
            assertEquals(dir.resolve("events.out.tfevents.0000000005.a_b_c").toString(), w.path());
        }
    }

    @Test
    void trainingEventsPutEvaluationInItsOwnSubdirectory() throws IOException {
        Path logDir = dir.resolve("job/checkpoints");
        try (TrainingEvents events = TrainingEvents.open(logDir.toString(), new SteppingClock(1700000000, 1700000010, 1700000020), "h")) {
            events.train().scalar(100, TrainingEvents.LOSS, 0.7);
            events.eval().scalars(100, Map.of(TrainingEvents.TOP_1_ACCURACY, 0.8125));
        }
        List<Event> train = readEvents(logDir.resolve("events.out.tfevents.1700000000.h"));
        assertEquals("loss", train.get(1).getSummary().getValue(0).getTag());
        List<Event> eval = readEvents(logDir.resolve("eval").resolve("events.out.tfevents.1700000020.h"));
        assertEquals(2, eval.size());
        assertEquals(0.8125f, eval.get(1).getSummary().getValue(0).getSimpleValue());
        assertEquals(100, eval.get(1).getStep());
    }

    @Test
    void writingAfterCloseOrNothingIsAnError() throws IOException {
        EventFileWriter w = EventFileWriter.open(dir.toString(), new SteppingClock(1), "h");
        assertThrows(IllegalArgumentException.class, () -> w.scalars(1, Map.of()));
        w.close();
        IOException e = assertThrows(IOException.class, () -> w.scalar(1, "loss", 1));
        assertTrue(e.getMessage().endsWith("is closed"), e.getMessage());
    }
}

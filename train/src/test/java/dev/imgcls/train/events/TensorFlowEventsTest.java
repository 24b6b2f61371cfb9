package dev.imgcls.train.events;

import dev.imgcls.train.events.proto.Event;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.NdArray;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.data.DatasetToSingleElement;
import org.tensorflow.op.summary.SummaryWriter;
import org.tensorflow.types.TString;
import org.tensorflow.types.family.TType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Real TensorFlow (2.18, through TF Java 1.1.0) reads our event files with TFRecordDataset and
 * parses them with its own Event proto; and the scalar event TF's summary writer writes is, byte
 * for byte, the one we write for the same time, step, tag and value.
 */
class TensorFlowEventsTest {
    private static final List<Class<? extends TType>> ONE_STRING = List.of(TString.class);

    @TempDir
    Path dir;

    @BeforeAll
    static void linuxX86Only() {
        assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux")
                && System.getProperty("os.arch").matches("amd64|x86_64"), "the TensorFlow native library is Linux x86-64 only");
    }

    @Test
    void tensorFlowReadsOurEventFile() throws IOException {
        String path;
        try (EventFileWriter writer = EventFileWriter.open(dir.toString(), new SteppingClock(1700000000, 1700000001.25, 1700000002.5), "h")) {
            Map<String, Double> train = new LinkedHashMap<>();
            train.put("loss", 1.2345);
            train.put("learning_rate", 0.0001);
            writer.scalars(7, train);
            writer.scalar(8, "top_1_accuracy", 0.8125);
            path = writer.path();
        }
        List<org.tensorflow.proto.Event> events = new ArrayList<>();
        for (byte[] record : readRecords(path)) {
            events.add(org.tensorflow.proto.Event.parseFrom(record));
        }
        assertEquals(3, events.size());
        assertEquals("brain.Event:2", events.get(0).getFileVersion());
        assertEquals(1700000000.0, events.get(0).getWallTime());
        org.tensorflow.proto.Event scalars = events.get(1);
        assertEquals(7, scalars.getStep());
        assertEquals(1700000001.25, scalars.getWallTime());
        assertEquals("loss", scalars.getSummary().getValue(0).getTag());
        assertEquals(1.2345f, scalars.getSummary().getValue(0).getSimpleValue());
        assertEquals(org.tensorflow.proto.Summary.Value.ValueCase.SIMPLE_VALUE, scalars.getSummary().getValue(1).getValueCase());
        assertEquals(0.0001f, scalars.getSummary().getValue(1).getSimpleValue());
        assertEquals(0.8125f, events.get(2).getSummary().getValue(0).getSimpleValue());
        assertEquals(8, events.get(2).getStep());
    }

    @Test
    void ourScalarEventIsTheOneTensorFlowWrites() throws IOException {
        Path tfDir = Files.createDirectories(dir.resolve("tf"));
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            SummaryWriter writer = tf.summary.summaryWriter(SummaryWriter.sharedName("w"));
            session.runner().addTarget(tf.summary.createSummaryFileWriter(writer, tf.constant(tfDir.toString()), tf.constant(10),
                    tf.constant(60_000), tf.constant(".tf"))).run();
            session.runner().addTarget(tf.summary.writeScalarSummary(writer, tf.constant(3L), tf.constant("loss"), tf.constant(0.5f))).run();
            session.runner().addTarget(tf.summary.flushSummaryWriter(writer)).run();
            session.runner().addTarget(tf.summary.closeSummaryWriter(writer)).run();
        }
        Path tfFile;
        try (Stream<Path> files = Files.list(tfDir)) {
            tfFile = files.filter(p -> p.getFileName().toString().contains("tfevents")).findFirst().orElseThrow();
        }
        List<byte[]> tfRecords = rawRecords(tfFile);
        assertEquals(2, tfRecords.size());
        Event tfFirst = Event.parseFrom(payload(tfRecords.get(0)));
        assertEquals("brain.Event:2", tfFirst.getFileVersion());
        Event tfScalar = Event.parseFrom(payload(tfRecords.get(1)));

        Path ours = Files.createDirectories(dir.resolve("ours"));
        try (EventFileWriter writer = EventFileWriter.open(ours.toString(), new SteppingClock(tfFirst.getWallTime(), tfScalar.getWallTime()), "h")) {
            writer.scalar(3, "loss", 0.5);
            List<byte[]> ourRecords = rawRecords(Path.of(writer.path()));
            assertArrayEquals(tfRecords.get(1), ourRecords.get(1), "framed scalar record");
        }
    }

    /** The framed records of a file, split by their length fields. */
    private static List<byte[]> rawRecords(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        List<byte[]> records = new ArrayList<>();
        for (int at = 0; at < all.length; ) {
            long length = java.nio.ByteBuffer.wrap(all, at, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
            int size = Math.toIntExact(16 + length);
            records.add(java.util.Arrays.copyOfRange(all, at, at + size));
            at += size;
        }
        return records;
    }

    private static byte[] payload(byte[] framed) {
        return java.util.Arrays.copyOfRange(framed, 12, framed.length - 4);
    }

    /** Every record of a file, read by TF's TFRecordDataset (which checks both CRCs). */
    private static List<byte[]> readRecords(String path) {
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            Operand<? extends TType> dataset = tf.data.tfRecordDataset(tf.constantOf(TString.vectorOf(path)), tf.constant(""),
                    tf.constant(1024L), tf.constant(new long[] {0}));
            List<Shape> vector = List.of(Shape.of(Shape.UNKNOWN_SIZE));
            Operand<? extends TType> batched = tf.data.batchDataset(dataset, tf.constant(1L << 20), tf.constant(false), ONE_STRING, vector);
            DatasetToSingleElement all = tf.data.datasetToSingleElement(batched, ONE_STRING, vector);
            try (Result result = session.runner().fetch(all.components().get(0)).run()) {
                NdArray<byte[]> records = ((TString) result.get(0)).asBytes();
                List<byte[]> out = new ArrayList<>();
                for (long i = 0; i < records.shape().get(0); i++) {
                    out.add(records.getObject(i));
                }
                return out;
            }
        }
    }
}

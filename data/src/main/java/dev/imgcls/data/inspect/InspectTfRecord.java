package dev.imgcls.data.inspect;

import dev.imgcls.data.example.ImageExampleParser;
import dev.imgcls.data.proto.Example;
import dev.imgcls.data.proto.Feature;
import dev.imgcls.data.tfrecord.Compression;
import dev.imgcls.data.tfrecord.TFRecord;
import dev.imgcls.data.tfrecord.TFRecordReader;
import dev.imgcls.io.Crc32c;
import dev.imgcls.io.FileSystem;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code inspect} on a TFRecord data file, which users pass by mistake (it sits beside the job):
 * says what it is instead of calling it a broken checkpoint, and shows what it holds, the record
 * count and the features of its first tf.Example. Uncompressed files only; a compressed one still
 * gets the checkpoint reader's answer.
 */
public final class InspectTfRecord {
    /** A TFRecord starts with an 8-byte little-endian length and the masked CRC32C of those 8 bytes. */
    private static final int HEADER_BYTES = 12;
    private static final int SHOWN_VALUES = 8;

    private InspectTfRecord() {}

    /** Whether the file at {@code path} starts with a TFRecord header whose length checksum matches. */
    public static boolean isTfRecord(FileSystem fs, String path) {
        byte[] header;
        try (InputStream in = fs.openRead(path)) {
            header = in.readNBytes(HEADER_BYTES);
        } catch (IOException e) {
            return false; // a directory, or nothing readable: not ours to explain
        }
        if (header.length < HEADER_BYTES) {
            return false;
        }
        int stored = (header[8] & 0xFF) | (header[9] & 0xFF) << 8 | (header[10] & 0xFF) << 16 | (header[11] & 0xFF) << 24;
        return Crc32c.maskedCrc(header, 0, 8) == stored;
    }

    /**
     * Prints the summary; a damaged record further on ends it with that record's error.
     */
    public static void print(FileSystem fs, String path, PrintStream out) throws IOException {
        long records = 0;
        TFRecord first = null;
        try (TFRecordReader reader = TFRecordReader.open(fs, path, Compression.NONE)) {
            for (TFRecord r = reader.next(); r != null; r = reader.next()) {
                if (first == null) {
                    first = r;
                }
                records++;
            }
        }
        out.println(path + " is a TFRecord file (" + records + (records == 1 ? " record" : " records")
                + "), not a checkpoint or SavedModel; inspect takes a checkpoint directory or prefix, or a SavedModel directory");
        if (first == null) {
            return;
        }
        Example example;
        try {
            example = ImageExampleParser.parseExample(first.payload(), first.location());
        } catch (IOException e) {
            out.println("its first record (" + first.payload().length + " bytes) is not a tf.Example");
            return;
        }
        Map<String, Feature> features = new TreeMap<>(example.getFeatures().getFeatureMap());
        out.println("its first record is a tf.Example with " + features.size() + (features.size() == 1 ? " feature:" : " features:"));
        for (Map.Entry<String, Feature> f : features.entrySet()) {
            out.println("  " + f.getKey() + "  " + describe(f.getValue()));
        }
    }

    /** Up to {@value #SHOWN_VALUES} values, then the count. */
    private static String shortList(List<?> values) {
        if (values.size() <= SHOWN_VALUES) {
            return values.toString();
        }
        return values.subList(0, SHOWN_VALUES).toString().replace("]", ", ... (" + values.size() + " values)]");
    }

    /** E.g. {@code int64 [3]} or {@code bytes (1 value, 2311 bytes)}. */
    private static String describe(Feature f) {
        return switch (f.getKindCase()) {
            case INT64_LIST -> "int64 " + shortList(f.getInt64List().getValueList());
            case FLOAT_LIST -> "float " + shortList(f.getFloatList().getValueList());
            case BYTES_LIST -> {
                int n = f.getBytesList().getValueCount();
                long bytes = f.getBytesList().getValueList().stream().mapToLong(b -> b.size()).sum();
                yield "bytes (" + n + (n == 1 ? " value, " : " values, ") + bytes + " bytes)";
            }
            case KIND_NOT_SET -> "empty";
        };
    }
}

package dev.imgcls.export.checkpoint;

import com.google.protobuf.TextFormat;
import dev.imgcls.export.proto.CheckpointState;
import dev.imgcls.io.AtomicOutputStream;
import dev.imgcls.io.FileSystem;
import dev.imgcls.io.FileSystems;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The {@code checkpoint} file of a checkpoint directory: a {@link CheckpointState} in protobuf
 * text format, one field per line in field order, as TensorFlow's Python writes it
 * ({@code text_format.MessageToString}):
 * <pre>
 * model_checkpoint_path: "model.ckpt-2000"
 * all_model_checkpoint_paths: "model.ckpt-1000"
 * all_model_checkpoint_paths: "model.ckpt-2000"
 * all_model_checkpoint_timestamps: 1700000000.25
 * all_model_checkpoint_timestamps: 1700000100.5
 * last_preserved_timestamp: 1699999990.125
 * </pre>
 */
public final class CheckpointStateFile {

    public static final String NAME = "checkpoint";

    private CheckpointStateFile() {}

    /** The state file of {@code directory}, or empty when there is none. */
    public static Optional<CheckpointState> read(FileSystems fileSystems, String directory) throws IOException {
        String path = FileSystems.join(directory, NAME);
        FileSystem fs = fileSystems.resolve(path);
        if (!fs.exists(path)) {
            return Optional.empty();
        }
        String text;
        try (InputStream in = fs.openRead(path)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return Optional.of(parse(text, path));
    }

    /** Replaces the state file of {@code directory} atomically (readers see the old or the new file). */
    public static void write(FileSystems fileSystems, String directory, CheckpointState state) throws IOException {
        String path = FileSystems.join(directory, NAME);
        try (AtomicOutputStream out = fileSystems.resolve(path).create(path)) {
            out.write(format(state).getBytes(StandardCharsets.UTF_8));
            out.commit();
        }
    }

    static CheckpointState parse(String text, String path) throws CheckpointFormatException {
        CheckpointState.Builder state = CheckpointState.newBuilder();
        try {
            TextFormat.merge(text, state);
        } catch (TextFormat.ParseException e) {
            throw new CheckpointFormatException("checkpoint state file " + path + " does not parse: " + e.getMessage(), e);
        }
        return state.build();
    }

    static String format(CheckpointState state) {
        StringBuilder s = new StringBuilder();
        if (!state.getModelCheckpointPath().isEmpty()) {
            s.append("model_checkpoint_path: ").append(quote(state.getModelCheckpointPath())).append('\n');
        }
        for (String p : state.getAllModelCheckpointPathsList()) {
            s.append("all_model_checkpoint_paths: ").append(quote(p)).append('\n');
        }
        for (double t : state.getAllModelCheckpointTimestampsList()) {
            s.append("all_model_checkpoint_timestamps: ").append(pythonRepr(t)).append('\n');
        }
        if (state.getLastPreservedTimestamp() != 0) {
            s.append("last_preserved_timestamp: ").append(pythonRepr(state.getLastPreservedTimestamp())).append('\n');
        }
        return s.toString();
    }

    /** A double-quoted string with Python's C escapes (non-printable and non-ASCII bytes in octal). */
    static String quote(String value) {
        StringBuilder s = new StringBuilder("\"");
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            switch (c) {
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                case '\t' -> s.append("\\t");
                case '"' -> s.append("\\\"");
                case '\'' -> s.append("\\'");
                case '\\' -> s.append("\\\\");
                default -> {
                    if (c < 0x20 || c >= 0x7F) {
                        s.append(String.format("\\%03o", c));
                    } else {
                        s.append((char) c);
                    }
                }
            }
        }
        return s.append('"').toString();
    }

    /**
     * A double as Python's {@code repr} writes it (text_format's default for doubles): the
     * shortest round-tripping digits, positional for exponents in [-4, 16), with at least one
     * fractional digit; scientific ({@code 1e+16}) outside that range.
     */
    static String pythonRepr(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == 0) {
            return (1 / value < 0) ? "-0.0" : "0.0";
        }
        BigDecimal exact = new BigDecimal(Double.toString(value)).stripTrailingZeros();
        int exponent = exact.precision() - exact.scale() - 1;
        if (exponent < -4 || exponent >= 16) {
            String digits = exact.unscaledValue().abs().toString();
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return (value < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
        }
        String plain = exact.toPlainString();
        return plain.contains(".") ? plain : plain + ".0";
    }
}

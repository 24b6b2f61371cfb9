package dev.imgcls.export.checkpoint;

import dev.imgcls.export.proto.DataType;
import dev.imgcls.tensor.Shape;
import dev.imgcls.tensor.Tensor;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The value of one checkpoint variable: a numeric {@link Tensor} (float32, float64, int32, int64,
 * uint8), or a tensor of byte strings, which our engine has no dtype for but TF checkpoints carry
 * (e.g. TF2's {@code _CHECKPOINTABLE_OBJECT_GRAPH}).
 *
 * <pre>{@code
 * Map<String, CheckpointValue> values = new LinkedHashMap<>();
 * values.put("dense/kernel", CheckpointValue.of(kernel));
 * values.put("global_step", CheckpointValue.of(Tensor.ofLongs(new long[] {step})));
 * values.put("note", CheckpointValue.ofString("trained by imgcls"));
 * }</pre>
 */
public sealed interface CheckpointValue permits CheckpointValue.Numeric, CheckpointValue.Strings {

    /** The dtype the value is written with. */
    DataType dtype();

    Shape shape();

    /** The numeric tensor; fails for a string value. */
    Tensor tensor();

    static Numeric of(Tensor tensor) {
        return new Numeric(tensor);
    }

    /** Numeric values for every tensor of a map, in the map's iteration order (the order written). */
    static Map<String, CheckpointValue> ofTensors(Map<String, Tensor> tensors) {
        Map<String, CheckpointValue> values = new LinkedHashMap<>();
        tensors.forEach((name, tensor) -> values.put(name, of(tensor)));
        return values;
    }

    /** A string tensor of the given shape, elements in row-major order. */
    static Strings ofBytes(Shape shape, List<byte[]> elements) {
        return new Strings(shape, elements);
    }

    /** A string scalar holding the UTF-8 bytes of {@code value}. */
    static Strings ofString(String value) {
        return new Strings(Shape.SCALAR, List.of(value.getBytes(StandardCharsets.UTF_8)));
    }

    /** A string vector holding the UTF-8 bytes of each value. */
    static Strings ofStrings(String... values) {
        List<byte[]> bytes = new ArrayList<>(values.length);
        for (String v : values) {
            bytes.add(v.getBytes(StandardCharsets.UTF_8));
        }
        return new Strings(Shape.of(values.length), bytes);
    }

    /** A numeric tensor of one of the engine's dtypes. */
    record Numeric(Tensor tensor) implements CheckpointValue {
        public Numeric {
            if (tensor == null) {
                throw new IllegalArgumentException("null tensor");
            }
        }

        @Override
        public DataType dtype() {
            return TensorTypes.of(tensor.dtype());
        }

        @Override
        public Shape shape() {
            return tensor.shape();
        }
    }

    /** A tensor of byte strings (TF's DT_STRING); the element arrays are copied in and out. */
    final class Strings implements CheckpointValue {
        private final Shape shape;
        private final List<byte[]> elements;

        Strings(Shape shape, List<byte[]> elements) {
            if (elements.size() != shape.numel()) {
                throw new IllegalArgumentException("a string tensor of shape " + shape + " needs " + shape.numel()
                        + " elements, got " + elements.size());
            }
            List<byte[]> copy = new ArrayList<>(elements.size());
            for (byte[] e : elements) {
                copy.add(e.clone());
            }
            this.shape = shape;
            this.elements = Collections.unmodifiableList(copy);
        }

        @Override
        public DataType dtype() {
            return DataType.DT_STRING;
        }

        @Override
        public Shape shape() {
            return shape;
        }

        @Override
        public Tensor tensor() {
            throw new UnsupportedOperationException("a string tensor has no numeric tensor; use element(i)");
        }

        public int size() {
            return elements.size();
        }

        /** A copy of element {@code i} (row-major). */
        public byte[] element(int i) {
            return elements.get(i).clone();
        }

        /** Element {@code i} decoded as UTF-8. */
        public String utf8(int i) {
            return new String(elements.get(i), StandardCharsets.UTF_8);
        }

        /** The elements without copying; for this package's encoder. */
        List<byte[]> elementsView() {
            return elements;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Strings other) || !shape.equals(other.shape)) {
                return false;
            }
            for (int i = 0; i < elements.size(); i++) {
                if (!Arrays.equals(elements.get(i), other.elements.get(i))) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            int h = shape.hashCode();
            for (byte[] e : elements) {
                h = 31 * h + Arrays.hashCode(e);
            }
            return h;
        }

        @Override
        public String toString() {
            return "Strings" + shape + " (" + elements.size() + " elements)";
        }
    }
}

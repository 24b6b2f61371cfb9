package dev.imgcls.export.warmstart;

import dev.imgcls.export.checkpoint.TensorFlowCheckpoints;
import dev.imgcls.export.checkpoint.TensorFlowCheckpoints.TfValue;
import dev.imgcls.export.proto.DataType;
import dev.imgcls.nn.Model;
import dev.imgcls.nn.Variable;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * TF1 training checkpoints as the reference code saves them, written by TensorFlow itself
 * (SaveV2): every variable of a model (named and shaped as TF's reference checkpoints), random
 * values, and optionally moving-average shadows, optimizer slots and {@code global_step}. Values
 * are kept as the raw bytes TF saved, so loads can be checked bitwise.
 */
final class ReferenceCheckpoints {

    private ReferenceCheckpoints() {}

    /** Every variable of {@code template} (under {@code scope}), with random float values. */
    static Map<String, TfValue> variables(Model template, String scope, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, TfValue> values = new LinkedHashMap<>();
        for (Variable v : template.variables()) {
            values.put(scope + v.name(), randomFloats(random, v.shape().dims()));
        }
        return values;
    }

    /** {@code <name>/<suffix>} for each named variable: new random values of the same shape (EMA shadows, optimizer slots). */
    static Map<String, TfValue> shadows(Map<String, TfValue> of, List<String> names, String suffix, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, TfValue> values = new LinkedHashMap<>();
        for (String name : names) {
            long[] dims = of.get(name).dims();
            int[] intDims = new int[dims.length];
            for (int i = 0; i < dims.length; i++) {
                intDims[i] = (int) dims[i];
            }
            values.put(name + "/" + suffix, randomFloats(random, intDims));
        }
        return values;
    }

    /** The trainable variables' checkpoint names (those optimizers keep slots for). */
    static List<String> trainable(Model template, String scope) {
        return template.trainableVariables().stream().map(v -> scope + v.name()).toList();
    }

    static List<String> all(Model template, String scope) {
        return template.variables().stream().map(v -> scope + v.name()).toList();
    }

    static TfValue globalStep(long step) {
        return TfValue.numeric(DataType.DT_INT64, new long[0], le(8).putLong(step).array());
    }

    static void save(TensorFlowCheckpoints tensorFlow, String prefix, Map<String, TfValue> values) {
        tensorFlow.save(prefix, new ArrayList<>(values.keySet()), new ArrayList<>(values.values()));
    }

    /** Random normal floats, led by a negative zero and a subnormal so that any conversion on the way shows. */
    static TfValue randomFloats(SplittableRandom random, int... dims) {
        long n = 1;
        long[] longDims = new long[dims.length];
        for (int i = 0; i < dims.length; i++) {
            n *= dims[i];
            longDims[i] = dims[i];
        }
        ByteBuffer raw = le((int) n * 4);
        for (long i = 0; i < n; i++) {
            raw.putFloat(i == 0 && n > 2 ? -0.0f : i == 1 && n > 2 ? Float.MIN_VALUE * 3 : (float) random.nextGaussian());
        }
        return TfValue.numeric(DataType.DT_FLOAT, longDims, raw.array());
    }

    /** The model variable holds exactly (bit for bit) what TF saved. */
    static void assertHolds(TfValue saved, Variable variable) {
        assertArrayEquals(saved.dims(), toLongs(variable.shape().dims()), variable.name() + " shape");
        assertEquals(DataType.DT_FLOAT, saved.dtype());
        assertArrayEquals(saved.raw(), rawBytes(variable), variable.name() + " values");
    }

    static byte[] rawBytes(Variable variable) {
        float[] values = variable.value().toFloatArray();
        ByteBuffer raw = le(values.length * 4);
        for (float f : values) {
            raw.putFloat(f);
        }
        return raw.array();
    }

    static long[] toLongs(int[] dims) {
        long[] l = new long[dims.length];
        for (int i = 0; i < dims.length; i++) {
            l[i] = dims[i];
        }
        return l;
    }

    private static ByteBuffer le(int bytes) {
        return ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }
}

package dev.imgcls.export.golden;

import dev.imgcls.nn.Model;
import dev.imgcls.nn.Variable;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.math.Mean;
import org.tensorflow.op.nn.FusedBatchNorm;
import org.tensorflow.types.TFloat32;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The building blocks of the reference networks as plain TensorFlow ops (NHWC, graph mode), with
 * weights taken from one of our models by TF variable name and nothing else: no layer, shape or
 * wiring of ours is consulted. Each weight's shape is checked against the one the reference layer
 * creates, and the test can ask which of our variables the reference never read.
 */
final class TfNetwork implements AutoCloseable {
    /** The reference preprocessing constants (ImageNet RGB mean and standard deviation ×255). */
    private static final float[] MEAN_RGB = {123.675f, 116.28f, 103.53f};
    private static final float[] STDDEV_RGB = {58.395f, 57.12f, 57.375f};

    private final Graph graph = new Graph();
    private final Ops tf = Ops.create(graph);
    private final Map<String, Variable> variables = new LinkedHashMap<>();
    private final Set<String> read = new TreeSet<>();

    TfNetwork(Model weights) {
        assumeAvailable();
        for (Variable v : weights.variables()) {
            variables.put(v.name(), v);
        }
    }

    static void assumeAvailable() {
        // The test-scope native artifact is linux-x86_64 only.
        assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux")
                && System.getProperty("os.arch").matches("amd64|x86_64"), "TensorFlow native library is Linux x86-64 only");
    }

    /** {@code [N, H, W, 3]} pixels in [0, 255], normalised as the reference model_fn does: (x − mean) / stddev. */
    Operand<TFloat32> normalizedImages(float[] pixels, int n, int height, int width) {
        Operand<TFloat32> x = constant(pixels, n, height, width, 3);
        x = tf.math.sub(x, constant(MEAN_RGB, 1, 1, 3));
        return tf.math.div(x, constant(STDDEV_RGB, 1, 1, 3));
    }

    /** Our value of variable {@code name}, which must have the shape the reference layer creates. */
    Operand<TFloat32> weight(String name, long... expectedDims) {
        Variable v = variables.get(name);
        if (v == null) {
            throw new AssertionError("the reference reads variable " + name + ", which our model does not have");
        }
        long[] dims = Arrays.stream(v.shape().dims()).asLongStream().toArray();
        assertArrayEquals(expectedDims, dims, name + ": shape differs from the reference layer's");
        read.add(name);
        return tf.constant(Shape.of(dims), DataBuffers.of(v.value().toFloatArray(), true, false));
    }

    /** Our variables that the reference network never read (a layer we have and it has not). */
    Set<String> unread() {
        Set<String> unread = new TreeSet<>(variables.keySet());
        unread.removeAll(read);
        return unread;
    }

    /** tf.layers.conv2d without bias: kernel HWIO {@code [k, k, in, out]}. */
    Operand<TFloat32> conv(Operand<TFloat32> x, String kernel, int k, int in, int out, int stride, String padding) {
        return tf.nn.conv2d(x, weight(kernel, k, k, in, out), strides(stride), padding);
    }

    /** tf.layers.conv2d with bias. */
    Operand<TFloat32> convWithBias(Operand<TFloat32> x, String scope, int in, int out) {
        Operand<TFloat32> y = conv(x, scope + "/kernel", 1, in, out, 1, "SAME");
        return tf.nn.biasAdd(y, weight(scope + "/bias", out));
    }

    /** Keras DepthwiseConv2D, depth multiplier 1: kernel {@code [k, k, channels, 1]}, SAME padding. */
    Operand<TFloat32> depthwise(Operand<TFloat32> x, String kernel, int k, int channels, int stride) {
        return tf.nn.depthwiseConv2dNative(x, weight(kernel, k, k, channels, 1), strides(stride), "SAME");
    }

    /** Zero padding of the spatial dims, {@code before} top/left and {@code after} bottom/right. */
    Operand<TFloat32> pad(Operand<TFloat32> x, int before, int after) {
        return tf.pad(x, tf.constant(new int[][] {{0, 0}, {before, after}, {before, after}, {0, 0}}), tf.constant(0f));
    }

    /** The fused kernel TF's fused batch norm runs at inference (FusedBatchNormV3, is_training false). */
    Operand<TFloat32> fusedBatchNorm(Operand<TFloat32> x, String scope, int channels, float epsilon) {
        return tf.nn.fusedBatchNorm(x, weight(scope + "/gamma", channels), weight(scope + "/beta", channels),
                weight(scope + "/moving_mean", channels), weight(scope + "/moving_variance", channels),
                FusedBatchNorm.epsilon(epsilon), FusedBatchNorm.isTraining(false), FusedBatchNorm.dataFormat("NHWC")).y();
    }

    /** tf.nn.batch_normalization on the moving statistics, as the non-fused layer computes it at inference. */
    Operand<TFloat32> batchNorm(Operand<TFloat32> x, String scope, int channels, float epsilon) {
        Operand<TFloat32> inv = tf.math.mul(tf.math.rsqrt(tf.math.add(weight(scope + "/moving_variance", channels), tf.constant(epsilon))),
                weight(scope + "/gamma", channels));
        Operand<TFloat32> shift = tf.math.sub(weight(scope + "/beta", channels), tf.math.mul(weight(scope + "/moving_mean", channels), inv));
        return tf.math.add(tf.math.mul(x, inv), shift);
    }

    Operand<TFloat32> relu(Operand<TFloat32> x) {
        return tf.nn.relu(x);
    }

    /** tf.nn.swish: x · sigmoid(x). */
    Operand<TFloat32> swish(Operand<TFloat32> x) {
        return tf.math.mul(x, tf.math.sigmoid(x));
    }

    Operand<TFloat32> sigmoid(Operand<TFloat32> x) {
        return tf.math.sigmoid(x);
    }

    Operand<TFloat32> add(Operand<TFloat32> a, Operand<TFloat32> b) {
        return tf.math.add(a, b);
    }

    Operand<TFloat32> mul(Operand<TFloat32> a, Operand<TFloat32> b) {
        return tf.math.mul(a, b);
    }

    Operand<TFloat32> maxPool(Operand<TFloat32> x, int k, int stride, String padding) {
        return tf.nn.maxPool(x, tf.constant(new int[] {1, k, k, 1}), tf.constant(new int[] {1, stride, stride, 1}), padding);
    }

    /** Average pool over the whole {@code size × size} map, VALID, then {@code [N, channels]}. */
    Operand<TFloat32> averagePoolAll(Operand<TFloat32> x, int size, int channels) {
        Operand<TFloat32> pooled = tf.nn.avgPool(x, List.of(1L, (long) size, (long) size, 1L), strides(1), "VALID");
        return tf.reshape(pooled, tf.constant(new int[] {-1, channels}));
    }

    /** Mean over height and width. */
    Operand<TFloat32> spatialMean(Operand<TFloat32> x, boolean keepDims) {
        return tf.math.mean(x, tf.constant(new int[] {1, 2}), Mean.keepDims(keepDims));
    }

    /** tf.layers.dense: {@code x · kernel[in, out] + bias}. */
    Operand<TFloat32> dense(Operand<TFloat32> x, String scope, int in, int out) {
        return tf.nn.biasAdd(tf.linalg.matMul(x, weight(scope + "/kernel", in, out)), weight(scope + "/bias", out));
    }

    /** Runs the graph; {@code out} must be {@code [rows, cols]}. */
    float[][] run(Operand<TFloat32> out, int rows, int cols) {
        try (Session session = new Session(graph); Result result = session.runner().fetch(out).run()) {
            TFloat32 t = (TFloat32) result.get(0);
            assertArrayEquals(new long[] {rows, cols}, t.shape().asArray(), "shape of the reference logits");
            float[] flat = new float[rows * cols];
            t.copyTo(DataBuffers.of(flat, false, false));
            float[][] m = new float[rows][];
            for (int i = 0; i < rows; i++) {
                m[i] = Arrays.copyOfRange(flat, i * cols, (i + 1) * cols);
            }
            return m;
        }
    }

    private static List<Long> strides(int s) {
        return List.of(1L, (long) s, (long) s, 1L);
    }

    private Operand<TFloat32> constant(float[] values, long... dims) {
        return tf.constant(Shape.of(dims), DataBuffers.of(values, true, false));
    }

    @Override
    public void close() {
        graph.close();
    }
}

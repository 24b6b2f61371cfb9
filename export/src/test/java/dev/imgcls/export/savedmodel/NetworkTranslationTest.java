package dev.imgcls.export.savedmodel;

import dev.imgcls.export.proto.DataType;
import dev.imgcls.export.savedmodel.graph.GraphScope;
import dev.imgcls.export.savedmodel.graph.TfOps;
import dev.imgcls.export.savedmodel.graph.TfOutput;
import dev.imgcls.export.savedmodel.trace.ModelTracer;
import dev.imgcls.export.savedmodel.trace.Trace;
import dev.imgcls.export.savedmodel.trace.TraceValue;
import dev.imgcls.export.savedmodel.trace.TracedOp;
import dev.imgcls.nn.Model;
import dev.imgcls.tensor.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each engine op against the TensorFlow nodes it was translated to, one at a time: the op alone
 * in a graph whose placeholders TF is fed with the engine's own values of its inputs, so a wrong
 * attribute, padding, layout or epsilon shows up at the op that has it instead of as drift at
 * the logits. Then the whole network in one graph.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NetworkTranslationTest {
    /** Per op: |TF − engine| ≤ this × max |engine value| (one op's float rounding is ~1e-7 of it). */
    private static final double RELATIVE_TOLERANCE = 2e-6;

    @BeforeAll
    void tensorFlowAvailable() {
        TensorFlowServing.assumeAvailable();
    }

    @Test
    void resnet18() {
        checkEveryOp(TestModels.randomized("resnet-18", 6, 21, TestImages.calibrationBatch(48)), 48);
    }

    @Test
    void efficientNetB0() {
        checkEveryOp(TestModels.randomized("efficientnet-b0", 6, 22, TestImages.calibrationBatch(48)), 48);
    }

    @Test
    void everyOtherTranslatedOp() {
        checkEveryOp(new OpCoverageModel(5, 29, 23), 29);
    }

    private static void checkEveryOp(Model model, int imageSize) {
        Trace trace = ModelTracer.trace(model, imageSize);
        // The images the test models' batch norms were calibrated on keep activations well scaled.
        Tensor input = TestImages.calibrationBatch(imageSize);
        TraceInterpreter engine = new TraceInterpreter(trace, input);
        Map<String, Double> worstByOp = new TreeMap<>();
        for (TracedOp op : trace.ops()) {
            double relative = checkOp(op, engine);
            worstByOp.merge(op.op().name(), relative, Math::max);
        }
        System.out.println(model.modelType() + ": worst relative difference per op " + worstByOp);

        // And the whole network in one graph, as served (Grappler may fuse across ops here).
        GraphScope graph = new GraphScope();
        TfOps ops = new TfOps(graph);
        TfOutput images = ops.placeholder("images", DataType.DT_FLOAT, -1, imageSize, imageSize, 3);
        TfOutput logits = new NetworkEmitter(ops.withPrefix("network"), ops).emit(trace, images);
        float[] tfLogits = run(graph, Map.of(images, input), logits);
        float[] ours = engine.value(trace.logits()).toFloatArray();
        double scale = 0;
        for (float l : ours) {
            scale = Math.max(scale, Math.abs(l));
        }
        assertArrayEquals(ours, tfLogits, (float) (1e-4 * scale), model.modelType() + " logits");
    }

    /** Emits {@code op} alone, its activation inputs as placeholders fed with the engine's values; returns TF's relative difference. */
    private static double checkOp(TracedOp op, TraceInterpreter engine) {
        GraphScope graph = new GraphScope();
        TfOps ops = new TfOps(graph);
        NetworkEmitter emitter = new NetworkEmitter(ops.withPrefix("op"), ops);
        Map<TfOutput, Tensor> feeds = new java.util.LinkedHashMap<>();
        for (TraceValue in : op.inputs()) {
            if (!(in instanceof TraceValue.VariableValue) && !(in instanceof TraceValue.Literal)) {
                TfOutput p = ops.placeholder("input", DataType.DT_FLOAT, java.util.Arrays.stream(in.shape().dims()).asLongStream().toArray());
                emitter.bind(in, p);
                feeds.put(p, engine.value(in));
            }
        }
        TfOutput out = emitter.translate(op);
        float[] expected = engine.value(op.outputs().get(0)).toFloatArray();
        float[] actual = run(graph, feeds, out);
        double scale = 0;
        double diff = 0;
        for (int i = 0; i < expected.length; i++) {
            scale = Math.max(scale, Math.abs(expected[i]));
            diff = Math.max(diff, Math.abs(expected[i] - actual[i]));
        }
        double relative = diff / Math.max(scale, 1e-30);
        assertTrue(relative <= RELATIVE_TOLERANCE, op.op().name() + " " + op.attrs() + ": TF differs by " + diff + " on values up to " + scale);
        return relative;
    }

    private static float[] run(GraphScope graph, Map<TfOutput, Tensor> feeds, TfOutput fetch) {
        List<TFloat32> fed = new ArrayList<>();
        try (Graph g = new Graph(); Session session = new Session(g)) {
            g.importGraphDef(org.tensorflow.proto.GraphDef.parseFrom(graph.toGraphDef().toByteArray()));
            Session.Runner runner = session.runner();
            for (Map.Entry<TfOutput, Tensor> f : feeds.entrySet()) {
                TFloat32 t = tensor(f.getValue());
                fed.add(t);
                runner.feed(f.getKey().tensorName(), t);
            }
            return fetch(runner, fetch.tensorName());
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        } finally {
            fed.forEach(TFloat32::close);
        }
    }

    private static TFloat32 tensor(Tensor t) {
        long[] dims = java.util.Arrays.stream(t.dims()).asLongStream().toArray();
        return TFloat32.tensorOf(Shape.of(dims), DataBuffers.of(t.toFloatArray(), true, false));
    }

    private static float[] fetch(Session.Runner runner, String name) {
        try (Result r = runner.fetch(name).run()) {
            TFloat32 t = (TFloat32) r.get(0);
            float[] out = new float[(int) t.shape().size()];
            t.copyTo(DataBuffers.of(out, false, false));
            return out;
        }
    }
}

package dev.imgcls.export.onnx;

import dev.imgcls.export.onnx.proto.ModelProto;
import dev.imgcls.export.onnx.proto.OperatorSetIdProto;
import dev.imgcls.export.onnx.proto.StringStringEntryProto;
import dev.imgcls.export.onnx.proto.TensorProto;
import dev.imgcls.export.onnx.proto.TensorShapeProto;
import dev.imgcls.export.onnx.proto.TypeProto;
import dev.imgcls.export.onnx.proto.ValueInfoProto;
import dev.imgcls.export.savedmodel.trace.ModelTracer;
import dev.imgcls.nn.Model;

import java.util.List;
import java.util.Map;

import static dev.imgcls.export.onnx.OnnxGraph.integer;

/**
 * Builds the ONNX model of a model's current weights: input {@value #INPUT} (float32
 * {@code [N, S, S, 3]}, NHWC RGB pixels 0..255 after the evaluation preprocessing), the network
 * as traced from {@code Model.forward} (its input normalisation included), then softmax and argmax
 * as outputs {@value #PROBABILITIES} {@code [N, classes]} and {@value #CLASSES} {@code [N]}. The
 * batch is a symbolic dimension, {@value #BATCH}.
 */
public final class OnnxModelBuilder {
    public static final String INPUT = "images";
    public static final String PROBABILITIES = "probabilities";
    public static final String CLASSES = "classes";
    public static final String BATCH = "batch";
    /** Opset 17 (ONNX 1.12, IR version 8): ONNX Runtime 1.12 and later, and most other runtimes, run it. */
    public static final int OPSET = 17;
    static final long IR_VERSION = 8;
    static final String PRODUCER = "imgcls";

    private OnnxModelBuilder() {
    }

    public static ModelProto build(Model model, OnnxExportOptions options) {
        if (!options.labels().isEmpty() && options.labels().size() != model.numClasses()) {
            throw new IllegalArgumentException(options.labels().size() + " labels for a model of " + model.numClasses()
                    + " classes; give one name per class or none");
        }
        int s = options.imageSize();
        OnnxGraph graph = new OnnxGraph();
        for (String reserved : List.of(INPUT, PROBABILITIES, CLASSES)) {
            graph.unique(reserved);
        }
        String logits = new OnnxNetworkEmitter(graph).emit(ModelTracer.trace(model, s), INPUT);
        graph.node("Softmax", PROBABILITIES, List.of(logits), integer("axis", 1));
        graph.node("ArgMax", CLASSES, List.of(logits), integer("axis", 1), integer("keepdims", 0));

        List<ValueInfoProto> inputs = List.of(valueInfo(INPUT, TensorProto.DataType.FLOAT, BATCH, s, s, 3));
        List<ValueInfoProto> outputs = List.of(valueInfo(PROBABILITIES, TensorProto.DataType.FLOAT, BATCH, model.numClasses()),
                valueInfo(CLASSES, TensorProto.DataType.INT64, BATCH));
        ModelProto.Builder m = ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setProducerName(PRODUCER)
                .setProducerVersion(options.producerVersion())
                .setDocString(model.modelType() + " image classifier: " + INPUT + " [N, " + s + ", " + s
                        + ", 3] float32 RGB 0..255 after the evaluation preprocessing in metadata_props → " + PROBABILITIES + ", " + CLASSES)
                .setGraph(graph.build(model.modelType(), inputs, outputs));
        for (Map.Entry<String, String> e : OnnxMetadata.of(model, options).entrySet()) {
            m.addMetadataProps(StringStringEntryProto.newBuilder().setKey(e.getKey()).setValue(e.getValue()));
        }
        return m.build();
    }

    /** A tensor's name, element type and shape; the first dimension is the symbolic batch. */
    private static ValueInfoProto valueInfo(String name, TensorProto.DataType type, String batch, long... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(batch));
        for (long d : dims) {
            shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        TypeProto.Tensor tensor = TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(shape).build();
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(tensor)).build();
    }
}

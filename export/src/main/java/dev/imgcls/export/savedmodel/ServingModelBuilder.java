package dev.imgcls.export.savedmodel;

import dev.imgcls.export.proto.MetaGraphDef;
import dev.imgcls.export.proto.SavedModel;
import dev.imgcls.export.proto.SignatureDef;
import dev.imgcls.export.proto.TensorInfo;
import dev.imgcls.export.savedmodel.graph.Attrs;
import dev.imgcls.export.savedmodel.graph.GraphScope;
import dev.imgcls.export.savedmodel.graph.TfOps;
import dev.imgcls.export.savedmodel.graph.TfOutput;
import dev.imgcls.export.savedmodel.graph.Tensors;
import dev.imgcls.export.savedmodel.trace.ModelTracer;
import dev.imgcls.nn.Model;
import dev.imgcls.nn.Variable;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.imgcls.export.proto.DataType.DT_STRING;

/**
 * Builds the SavedModel proto of a model (tf-formats.md §3.6, route A): one MetaGraph tagged
 * {@code serve}, every weight a Const node (no variables directory, no saver, no init op), and
 * the {@link ServingSignature}: encoded images → decode loop → the traced network → softmax and
 * argmax, with the keys echoed.
 */
public final class ServingModelBuilder {
    /** Graph tensors outside the signature, named for inspection: the preprocessed float batch and the logits. */
    public static final String PREPROCESSED_IMAGES = "preprocess/images:0";
    public static final String LOGITS = "outputs/logits:0";

    private ServingModelBuilder() {
    }

    /** The SavedModel proto and the metadata that goes beside it. */
    public record Built(SavedModel savedModel, ExportInfo info) {
    }

    /** With the reference's centre crop. */
    public static Built build(Model model, int imageSize) {
        return build(model, imageSize, ExportInfo.REFERENCE_CROP_PADDING);
    }

    /** With the centre crop {@code imageSize / (imageSize + cropPadding)} of the shorter side. */
    public static Built build(Model model, int imageSize, int cropPadding) {
        if (cropPadding < 0) {
            throw new IllegalArgumentException("the crop padding must be >= 0, got " + cropPadding);
        }
        GraphScope graph = new GraphScope();
        TfOps ops = new TfOps(graph);

        TfOutput imageBytes = ops.placeholder(ServingSignature.IMAGE_BYTES, DT_STRING, -1);
        TfOutput defaultKey = ops.constant("default_key",
                Tensors.strings(List.of(ServingSignature.DEFAULT_KEY.getBytes(StandardCharsets.UTF_8)), 1));
        TfOutput key = ops.placeholderWithDefault(ServingSignature.KEY, defaultKey, -1);

        TfOps pre = ops.withPrefix("preprocess");
        TfOutput images = pre.identity("images", ImageDecodeGraph.decodeBatch(graph, pre, imageBytes, imageSize, cropPadding));

        NetworkEmitter network = new NetworkEmitter(ops.withPrefix("network"), ops);
        TfOutput logits = network.emit(ModelTracer.trace(model, imageSize), images);
        for (Variable v : model.variables()) {
            network.variableNode(v);
        }

        TfOps head = ops.withPrefix("outputs");
        logits = head.identity("logits", logits);
        TfOutput probabilities = head.softmax("probabilities", logits);
        TfOutput classes = head.argMax("classes", logits, head.scalarInt("class_axis", 1));
        TfOutput keys = head.broadcastTo(key, head.shape(imageBytes));

        SignatureDef signature = SignatureDef.newBuilder()
                .putInputs(ServingSignature.IMAGE_BYTES, info(imageBytes, -1))
                .putInputs(ServingSignature.KEY, info(key, -1))
                .putOutputs(ServingSignature.CLASSES, info(classes, -1))
                .putOutputs(ServingSignature.PROBABILITIES, info(probabilities, -1, model.numClasses()))
                .putOutputs(ServingSignature.KEY, info(keys, -1))
                .setMethodName(ServingSignature.METHOD_NAME)
                .build();
        MetaGraphDef metaGraph = MetaGraphDef.newBuilder()
                .setMetaInfoDef(MetaGraphDef.MetaInfoDef.newBuilder().addTags(ServingSignature.TAG))
                .setGraphDef(graph.toGraphDef())
                .putSignatureDef(ServingSignature.SIGNATURE_KEY, signature)
                .build();
        SavedModel savedModel = SavedModel.newBuilder().setSavedModelSchemaVersion(1).addMetaGraphs(metaGraph).build();
        return new Built(savedModel, new ExportInfo(model.modelType(), model.numClasses(), imageSize, cropPadding,
                network.weightNodes()));
    }

    private static TensorInfo info(TfOutput t, long... shape) {
        return TensorInfo.newBuilder().setName(t.tensorName()).setDtype(t.dtype()).setTensorShape(Attrs.shapeProto(shape)).build();
    }
}

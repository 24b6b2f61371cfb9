package dev.imgcls.export.inspect;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.imgcls.export.proto.MetaGraphDef;
import dev.imgcls.export.proto.NodeDef;
import dev.imgcls.export.proto.SavedModel;
import dev.imgcls.export.proto.SignatureDef;
import dev.imgcls.export.proto.TensorInfo;
import dev.imgcls.export.proto.TensorProto;
import dev.imgcls.export.proto.TensorShapeProto;
import dev.imgcls.export.savedmodel.DamagedSavedModel;
import dev.imgcls.export.savedmodel.ExportInfo;
import dev.imgcls.export.savedmodel.SavedModelExporter;
import dev.imgcls.export.savedmodel.graph.Tensors;
import dev.imgcls.io.FileSystem;
import dev.imgcls.io.FileSystems;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Prints a SavedModel's serving contract the way {@code saved_model_cli show --all} does: each
 * MetaGraph's tag set, and per signature its inputs and outputs (dtype, shape, tensor name) and
 * method name. For SavedModels exported by imgcls it then adds what {@link ExportInfo} records:
 * model_type, num_classes, image_size and the size of the weights baked into the graph.
 */
public final class InspectSavedModel {

    private InspectSavedModel() {}

    /** Whether {@code path} is a SavedModel directory (holds {@code saved_model.pb}). */
    static boolean isSavedModel(FileSystems fileSystems, String path) throws IOException {
        return fileSystems.resolve(path).exists(FileSystems.join(path, SavedModelExporter.SAVED_MODEL_FILE));
    }

    /** Reads {@code dir}/saved_model.pb (and our info file, when there is one) and prints them. */
    static void print(FileSystems fileSystems, String dir, PrintStream out) throws IOException {
        FileSystem fs = fileSystems.resolve(dir);
        String pb = FileSystems.join(dir, SavedModelExporter.SAVED_MODEL_FILE);
        SavedModel savedModel = read(fs, pb);
        out.println("SavedModel " + dir);
        for (MetaGraphDef mg : savedModel.getMetaGraphsList()) {
            printMetaGraph(mg, out);
        }
        String infoFile = FileSystems.join(dir, ExportInfo.FILE);
        if (fs.exists(infoFile)) {
            printExportInfo(infoFile, readInfo(fs, infoFile), savedModel, out);
        } else {
            out.println();
            out.println("no " + ExportInfo.FILE + ": not exported by imgcls (model_type and weights unknown)");
        }
    }

    private static SavedModel read(FileSystem fs, String pb) throws IOException {
        try (InputStream in = fs.openRead(pb)) {
            CodedInputStream coded = CodedInputStream.newInstance(in);
            // Graphs with their weights as constants exceed protobuf's default 64 MiB limit.
            coded.setSizeLimit(Integer.MAX_VALUE);
            return SavedModel.parseFrom(coded);
        } catch (InvalidProtocolBufferException e) {
            throw DamagedSavedModel.of(pb, e);
        }
    }

    private static ExportInfo readInfo(FileSystem fs, String infoFile) throws IOException {
        String json;
        try (InputStream in = fs.openRead(infoFile)) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try {
            return ExportInfo.fromJson(json);
        } catch (IllegalArgumentException e) {
            throw new IOException(infoFile + ": " + e.getMessage(), e);
        }
    }

    static void printMetaGraph(MetaGraphDef mg, PrintStream out) {
        out.println();
        String tags = String.join(", ", mg.getMetaInfoDef().getTagsList());
        out.println("MetaGraphDef with tag-set: '" + tags + "' contains the following SignatureDefs:");
        // Sorted like saved_model_cli, so the output does not depend on map order in the file.
        for (Map.Entry<String, SignatureDef> e : new TreeMap<>(mg.getSignatureDefMap()).entrySet()) {
            SignatureDef sig = e.getValue();
            out.println();
            out.println("signature_def['" + e.getKey() + "']:");
            out.println("  The given SavedModel SignatureDef contains the following input(s):");
            printTensors("inputs", sig.getInputsMap(), out);
            out.println("  The given SavedModel SignatureDef contains the following output(s):");
            printTensors("outputs", sig.getOutputsMap(), out);
            out.println("  Method name is: " + sig.getMethodName());
        }
        out.println();
        out.println("graph: " + mg.getGraphDef().getNodeCount() + " nodes, " + mg.getGraphDef().getLibrary().getFunctionCount()
                + " functions");
    }

    private static void printTensors(String kind, Map<String, TensorInfo> tensors, PrintStream out) {
        for (Map.Entry<String, TensorInfo> t : new TreeMap<>(tensors).entrySet()) {
            TensorInfo info = t.getValue();
            out.println("    " + kind + "['" + t.getKey() + "'] tensor_info:");
            out.println("        dtype: " + info.getDtype().name());
            out.println("        shape: " + shapeText(info.getTensorShape()));
            out.println("        name: " + tensorName(info));
        }
    }

    /** saved_model_cli's notation: {@code (-1, 1000)}, {@code ()} for scalars, {@code unknown_rank}. */
    static String shapeText(TensorShapeProto shape) {
        if (shape.getUnknownRank()) {
            return "unknown_rank";
        }
        return shape.getDimList().stream().map(d -> Long.toString(d.getSize())).collect(Collectors.joining(", ", "(", ")"));
    }

    private static String tensorName(TensorInfo info) {
        if (info.hasCooSparse()) {
            TensorInfo.CooSparse s = info.getCooSparse();
            return "sparse (values " + s.getValuesTensorName() + ", indices " + s.getIndicesTensorName() + ", dense_shape "
                    + s.getDenseShapeTensorName() + ")";
        }
        return info.getName();
    }

    private static void printExportInfo(String infoFile, ExportInfo info, SavedModel savedModel, PrintStream out) throws IOException {
        out.println();
        out.println("imgcls export (" + ExportInfo.FILE + "):");
        out.println("  model_type: " + info.modelType());
        out.println("  num_classes: " + info.numClasses());
        out.println("  image_size: " + info.imageSize());
        out.println("  eval_crop_padding: " + info.evalCropPadding() + (info.evalCropPadding() == ExportInfo.REFERENCE_CROP_PADDING
                ? " (the reference's)" : ""));
        long parameters = 0;
        Map<String, NodeDef> nodes = nodesByName(savedModel);
        for (Map.Entry<String, String> w : info.weightNodes().entrySet()) {
            NodeDef node = nodes.get(w.getValue());
            if (node == null || !node.getOp().equals("Const") || !node.getAttrMap().containsKey("value")) {
                throw new IOException(infoFile + " names node " + w.getValue() + " for variable " + w.getKey()
                        + ", but the graph has no Const of that name");
            }
            TensorProto value = node.getAttrMap().get("value").getTensor();
            parameters += Tensors.numElements(value.getTensorShape());
        }
        int count = info.weightNodes().size();
        out.println("  weights: " + count + (count == 1 ? " constant, " : " constants, ") + parameters
                + " parameters (batch-norm moving statistics included)");
    }

    private static Map<String, NodeDef> nodesByName(SavedModel savedModel) {
        Map<String, NodeDef> nodes = new HashMap<>();
        for (MetaGraphDef mg : savedModel.getMetaGraphsList()) {
            for (NodeDef n : mg.getGraphDef().getNodeList()) {
                nodes.putIfAbsent(n.getName(), n);
            }
        }
        return nodes;
    }
}

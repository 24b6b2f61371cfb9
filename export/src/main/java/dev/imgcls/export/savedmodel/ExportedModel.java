package dev.imgcls.export.savedmodel;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.imgcls.export.proto.AttrValue;
import dev.imgcls.export.proto.MetaGraphDef;
import dev.imgcls.export.proto.NodeDef;
import dev.imgcls.export.proto.SavedModel;
import dev.imgcls.export.proto.TensorProto;
import dev.imgcls.export.savedmodel.graph.Tensors;
import dev.imgcls.nn.Model;
import dev.imgcls.nn.ModelFactory;
import dev.imgcls.nn.Variable;
import dev.imgcls.tensor.Tensor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A SavedModel written by {@link SavedModelExporter}, loaded back into the engine: the model is
 * rebuilt from model_type and num_classes and every variable takes the value of its Const node.
 */
public final class ExportedModel {
    private final ExportInfo info;
    private final Model model;

    private ExportedModel(ExportInfo info, Model model) {
        this.info = info;
        this.model = model;
    }

    public ExportInfo info() {
        return info;
    }

    public Model model() {
        return model;
    }

    public static ExportedModel load(Path dir) throws IOException {
        Path infoFile = dir.resolve(ExportInfo.FILE);
        Path pb = dir.resolve(SavedModelExporter.SAVED_MODEL_FILE);
        if (!Files.isRegularFile(infoFile) || !Files.isRegularFile(pb)) {
            throw new NoSuchFileException(dir.toString(), null, "not a SavedModel exported by imgcls (needs " + SavedModelExporter.SAVED_MODEL_FILE
                    + " and " + ExportInfo.FILE + ")");
        }
        ExportInfo info = ExportInfo.fromJson(Files.readString(infoFile, StandardCharsets.UTF_8));
        MetaGraphDef metaGraph = serveMetaGraph(readSavedModel(pb), pb);
        Map<String, NodeDef> nodes = new HashMap<>();
        Set<String> wanted = new HashSet<>(info.weightNodes().values());
        for (NodeDef n : metaGraph.getGraphDef().getNodeList()) {
            if (wanted.contains(n.getName())) {
                nodes.put(n.getName(), n);
            }
        }
        Model model = ModelFactory.create(info.modelType(), info.numClasses(), 0);
        Set<String> unused = new HashSet<>(info.weightNodes().keySet());
        for (Variable v : model.variables()) {
            String nodeName = info.weightNodes().get(v.name());
            if (nodeName == null) {
                throw new IOException(pb + ": no weights for variable " + v.name() + " of " + info.modelType() + " in " + ExportInfo.FILE);
            }
            NodeDef node = nodes.get(nodeName);
            if (node == null) {
                throw new IOException(pb + ": graph has no node " + nodeName + " (variable " + v.name() + " of " + info.modelType() + ")");
            }
            v.assign(Tensor.of(constValue(node, v, pb, info), v.shape().dims()));
            unused.remove(v.name());
        }
        if (!unused.isEmpty()) {
            throw new IOException(pb + " holds weights that " + info.modelType() + " does not have: " + unused);
        }
        return new ExportedModel(info, model);
    }

    private static SavedModel readSavedModel(Path pb) throws IOException {
        byte[] bytes = Files.readAllBytes(pb);
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        // Weight tensors may alias the file's bytes instead of being copied once more.
        in.enableAliasing(true);
        in.setSizeLimit(Integer.MAX_VALUE);
        try {
            return SavedModel.parseFrom(in);
        } catch (InvalidProtocolBufferException e) {
            throw DamagedSavedModel.of(pb.toString(), e);
        }
    }

    /** The MetaGraph whose tag set is exactly {serve}, as TF's loader picks it. */
    private static MetaGraphDef serveMetaGraph(SavedModel savedModel, Path pb) throws IOException {
        for (MetaGraphDef mg : savedModel.getMetaGraphsList()) {
            if (new HashSet<>(mg.getMetaInfoDef().getTagsList()).equals(Set.of(ServingSignature.TAG))) {
                return mg;
            }
        }
        List<List<String>> tagSets = savedModel.getMetaGraphsList().stream().map(m -> List.copyOf(m.getMetaInfoDef().getTagsList())).toList();
        throw new IOException(pb + " has no MetaGraph tagged exactly {serve}; tag sets: " + tagSets);
    }

    private static float[] constValue(NodeDef node, Variable v, Path pb, ExportInfo info) throws IOException {
        AttrValue value = node.getAttrMap().get("value");
        if (!node.getOp().equals("Const") || value == null || !value.hasTensor()) {
            throw new IOException(pb + ": node " + node.getName() + " for variable " + v.name() + " is a " + node.getOp() + ", not a Const with a value");
        }
        TensorProto t = value.getTensor();
        long[] dims = Tensors.dims(t.getTensorShape());
        long[] expected = Arrays.stream(v.shape().dims()).asLongStream().toArray();
        if (!Arrays.equals(dims, expected)) {
            throw new IOException(pb + ": node " + node.getName() + " has shape " + Arrays.toString(dims) + ", but variable " + v.name() + " of "
                    + info.modelType() + " with " + info.numClasses() + " classes is " + v.shape());
        }
        try {
            return Tensors.readFloats(t);
        } catch (IllegalArgumentException e) {
            throw new IOException(pb + ": node " + node.getName() + ": " + e.getMessage(), e);
        }
    }
}

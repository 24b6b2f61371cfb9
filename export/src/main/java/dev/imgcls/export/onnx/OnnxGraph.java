package dev.imgcls.export.onnx;

import dev.imgcls.export.onnx.proto.AttributeProto;
import dev.imgcls.export.onnx.proto.GraphProto;
import dev.imgcls.export.onnx.proto.NodeProto;
import dev.imgcls.export.onnx.proto.TensorProto;
import dev.imgcls.export.onnx.proto.ValueInfoProto;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An ONNX graph under construction: nodes in the order they are added (which is topological, as
 * each node only reads values made before it), constant initializers, and names unique across
 * both. Node outputs are named after the op and a counter ({@code Conv_12}).
 */
final class OnnxGraph {
    private final List<NodeProto> nodes = new ArrayList<>();
    private final List<TensorProto> initializers = new ArrayList<>();
    private final Set<String> names = new HashSet<>();

    /** {@code base} itself if still free, else {@code base_2}, {@code base_3}, …; the name is taken. */
    String unique(String base) {
        String name = base;
        for (int k = 2; !names.add(name); k++) {
            name = base + "_" + k;
        }
        return name;
    }

    /** Adds a node with one output and returns the output's name. */
    String node(String opType, List<String> inputs, AttributeProto... attributes) {
        return node(opType, unique(opType), inputs, attributes);
    }

    /** Adds a node whose single output is {@code output} (a name already made unique by the caller). */
    String node(String opType, String output, List<String> inputs, AttributeProto... attributes) {
        nodes.add(NodeProto.newBuilder().setOpType(opType).setName(output).addAllInput(inputs).addOutput(output)
                .addAllAttribute(List.of(attributes)).build());
        return output;
    }

    /** Adds a float32 constant named (uniquely) after {@code base}; returns its name. */
    String floats(String base, float[] data, long... dims) {
        String name = unique(base);
        initializers.add(OnnxTensors.floats(name, data, dims));
        return name;
    }

    /** Adds an int64 constant (shapes, axes); returns its name. */
    String longs(String base, long... data) {
        String name = unique(base);
        initializers.add(OnnxTensors.longs(name, data));
        return name;
    }

    GraphProto build(String graphName, List<ValueInfoProto> inputs, List<ValueInfoProto> outputs) {
        return GraphProto.newBuilder().setName(graphName).addAllNode(nodes).addAllInitializer(initializers)
                .addAllInput(inputs).addAllOutput(outputs).build();
    }

    static AttributeProto ints(String name, long... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }

    static AttributeProto ints(String name, int... values) {
        long[] l = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            l[i] = values[i];
        }
        return ints(name, l);
    }

    static AttributeProto integer(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    static AttributeProto real(String name, float value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(value).build();
    }
}

package dev.imgcls.export.savedmodel.graph;

import dev.imgcls.export.proto.DataType;

/**
 * One output tensor of a node (or an argument of a function), with the reference string its
 * scope uses for it: {@code "node"} / {@code "node:k"} in a GraphDef, {@code "node:arg:k"} or
 * {@code "arg"} in a function body. Outputs can only feed nodes of the scope that made them.
 */
public record TfOutput(NodeScope scope, String ref, DataType dtype) {
    /** The name a SignatureDef uses for a graph tensor: always with the output index. */
    public String tensorName() {
        return ref.contains(":") ? ref : ref + ":0";
    }
}

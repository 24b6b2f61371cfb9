package dev.imgcls.export.savedmodel.graph;

import dev.imgcls.export.proto.AttrValue;
import dev.imgcls.export.proto.DataType;
import dev.imgcls.export.proto.NodeDef;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Where nodes go: a GraphDef ({@link GraphScope}) or the body of a FunctionDef
 * ({@link FunctionScope}). The two differ only in how node names may be spelled and how an
 * output is referenced, so op helpers ({@link TfOps}) work on either.
 */
public abstract class NodeScope {
    private final Set<String> names = new HashSet<>();
    private final List<NodeDef> nodes = new ArrayList<>();

    /** Starts a node of op type {@code op} named {@code baseName} (made unique in this scope). */
    public NodeBuilder node(String op, String baseName) {
        return new NodeBuilder(op, uniqueName(baseName));
    }

    /** {@code base}, or {@code base_1}, {@code base_2}, … if taken; reserves the result. */
    public String uniqueName(String base) {
        String clean = sanitize(base);
        String name = clean;
        for (int k = 1; names.contains(name); k++) {
            name = clean + "_" + k;
        }
        names.add(name);
        return name;
    }

    /** Makes a name legal for this scope's nodes. */
    protected abstract String sanitize(String name);

    /** How this scope refers to output {@code index} of list {@code arg} (flat output {@code flatIndex}) of {@code node}. */
    protected abstract String outputRef(String node, String arg, int index, int flatIndex);

    /** The nodes added so far, in order. */
    public List<NodeDef> nodes() {
        return List.copyOf(nodes);
    }

    /** Accumulates one node's inputs and attributes. */
    public final class NodeBuilder {
        private final NodeDef.Builder def;

        private NodeBuilder(String op, String name) {
            def = NodeDef.newBuilder().setOp(op).setName(name);
        }

        public NodeBuilder input(TfOutput in) {
            if (in.scope() != NodeScope.this) {
                throw new IllegalArgumentException("tensor " + in.ref() + " belongs to another graph or function; node " + def.getName()
                        + " cannot read it");
            }
            def.addInput(in.ref());
            return this;
        }

        public NodeBuilder inputs(List<TfOutput> ins) {
            ins.forEach(this::input);
            return this;
        }

        public NodeBuilder attr(String name, AttrValue value) {
            def.putAttr(name, value);
            return this;
        }

        /** Adds the node to the scope. */
        public Node build() {
            NodeDef built = def.build();
            nodes.add(built);
            return new Node(built.getName());
        }
    }

    /** A node in this scope, from which outputs are taken. */
    public final class Node {
        private final String name;

        private Node(String name) {
            this.name = name;
        }

        public String name() {
            return name;
        }

        /** The only value of output argument {@code arg}, when it is the node's first output. */
        public TfOutput output(String arg, DataType dtype) {
            return output(arg, 0, 0, dtype);
        }

        /** Element {@code index} of output argument {@code arg}, which is flat output {@code flatIndex}. */
        public TfOutput output(String arg, int index, int flatIndex, DataType dtype) {
            return new TfOutput(NodeScope.this, outputRef(name, arg, index, flatIndex), dtype);
        }
    }
}

package dev.imgcls.export.savedmodel.graph;

import dev.imgcls.export.proto.FunctionDefLibrary;
import dev.imgcls.export.proto.GraphDef;
import dev.imgcls.export.proto.VersionDef;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The top-level graph: nodes named {@code [A-Za-z0-9.][A-Za-z0-9_./]*}, outputs {@code "node:k"}, plus its function library. */
public final class GraphScope extends NodeScope {
    /**
     * The GraphDef version of TensorFlow 2.18 (TF_GRAPH_DEF_VERSION), the release the export is
     * verified with. Older runtimes still accept it: they only refuse producers below their
     * minimum, and min_consumer stays 0.
     */
    public static final int PRODUCER = 1994;

    private static final Pattern ILLEGAL = Pattern.compile("[^A-Za-z0-9_./]");

    private final List<FunctionScope> functions = new ArrayList<>();

    @Override
    protected String sanitize(String name) {
        String clean = ILLEGAL.matcher(name).replaceAll("_");
        return clean.isEmpty() || clean.charAt(0) == '_' || clean.charAt(0) == '/' ? "n" + clean : clean;
    }

    @Override
    protected String outputRef(String node, String arg, int index, int flatIndex) {
        return flatIndex == 0 ? node : node + ":" + flatIndex;
    }

    /** A new function of the graph's library; its name must be unique among the functions. */
    public FunctionScope function(String name) {
        for (FunctionScope f : functions) {
            if (f.name().equals(name)) {
                throw new IllegalArgumentException("function " + name + " defined twice");
            }
        }
        FunctionScope f = new FunctionScope(name);
        functions.add(f);
        return f;
    }

    public GraphDef toGraphDef() {
        GraphDef.Builder g = GraphDef.newBuilder().addAllNode(nodes()).setVersions(VersionDef.newBuilder().setProducer(PRODUCER));
        if (!functions.isEmpty()) {
            FunctionDefLibrary.Builder lib = FunctionDefLibrary.newBuilder();
            functions.forEach(f -> lib.addFunction(f.toFunctionDef()));
            g.setLibrary(lib);
        }
        return g.build();
    }
}

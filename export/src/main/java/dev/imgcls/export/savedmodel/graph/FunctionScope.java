package dev.imgcls.export.savedmodel.graph;

import dev.imgcls.export.proto.DataType;
import dev.imgcls.export.proto.FunctionDef;
import dev.imgcls.export.proto.OpDef;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The body of a FunctionDef (what While and If call): typed arguments, nodes that refer to
 * outputs as {@code "node:output_arg:k"} and to arguments by name, and named results.
 */
public final class FunctionScope extends NodeScope {
    private static final Pattern ARG_NAME = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Pattern ILLEGAL = Pattern.compile("[^A-Za-z0-9_]");

    private final String name;
    private final List<OpDef.ArgDef> args = new ArrayList<>();
    private final List<OpDef.ArgDef> results = new ArrayList<>();
    private final Map<String, String> ret = new LinkedHashMap<>();

    FunctionScope(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** Declares the next argument; the value is used inside the body as a tensor. */
    public TfOutput arg(String argName, DataType dtype) {
        checkArgName(argName);
        uniqueNameExactly(argName);
        args.add(OpDef.ArgDef.newBuilder().setName(argName).setType(dtype).build());
        return new TfOutput(this, argName, dtype);
    }

    /** Declares the next result and what it returns. */
    public void result(String resultName, TfOutput value) {
        checkArgName(resultName);
        if (value.scope() != this) {
            throw new IllegalArgumentException("result " + resultName + " of " + name + " must be a tensor of its own body");
        }
        if (ret.containsKey(resultName)) {
            throw new IllegalArgumentException("result " + resultName + " of " + name + " declared twice");
        }
        results.add(OpDef.ArgDef.newBuilder().setName(resultName).setType(value.dtype()).build());
        ret.put(resultName, value.ref());
    }

    public List<DataType> argTypes() {
        return args.stream().map(OpDef.ArgDef::getType).toList();
    }

    public List<DataType> resultTypes() {
        return results.stream().map(OpDef.ArgDef::getType).toList();
    }

    private static void checkArgName(String n) {
        if (!ARG_NAME.matcher(n).matches()) {
            throw new IllegalArgumentException("function argument and result names must match [a-z][a-z0-9_]*, got '" + n + "'");
        }
    }

    private void uniqueNameExactly(String n) {
        if (!uniqueName(n).equals(n)) {
            throw new IllegalArgumentException("argument name " + n + " of " + name + " is already used");
        }
    }

    @Override
    protected String sanitize(String n) {
        String clean = ILLEGAL.matcher(n).replaceAll("_");
        return clean.isEmpty() || !Character.isLetter(clean.charAt(0)) ? "n" + clean : clean;
    }

    @Override
    protected String outputRef(String node, String arg, int index, int flatIndex) {
        return node + ":" + arg + ":" + index;
    }

    FunctionDef toFunctionDef() {
        if (results.isEmpty()) {
            throw new IllegalStateException("function " + name + " has no results");
        }
        OpDef signature = OpDef.newBuilder().setName(name).addAllInputArg(args).addAllOutputArg(results).build();
        return FunctionDef.newBuilder().setSignature(signature).addAllNodeDef(nodes()).putAllRet(ret).build();
    }
}

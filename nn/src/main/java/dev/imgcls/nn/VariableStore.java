package dev.imgcls.nn;

import dev.imgcls.tensor.Tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Creates a model's variables in construction order and names them the way TensorFlow 1 layers
 * do: a layer takes its default name ({@code conv2d}, {@code batch_normalization}, …) made unique
 * within the enclosing scope by a counter suffix ({@code conv2d}, {@code conv2d_1}, …), and its
 * variables are {@code scope/layer/var}.
 */
public final class VariableStore {
    private final Map<String, Variable> byName = new LinkedHashMap<>();
    private final Deque<String> scopes = new ArrayDeque<>();
    private final Map<String, Integer> layerCounters = new HashMap<>();

    /** Enters a named scope until the returned handle is closed. */
    public Scope scope(String name) {
        scopes.addLast(name);
        return scopes::removeLast;
    }

    /** A scope handle for try-with-resources. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /** The unique layer name for a default base name in the current scope: base, base_1, base_2… */
    public String uniqueLayerName(String base) {
        String key = prefix() + base;
        int n = layerCounters.merge(key, 1, Integer::sum) - 1;
        return n == 0 ? base : base + "_" + n;
    }

    /** Creates {@code scope/layer/varName}; names must be new. */
    public Variable create(String layer, String varName, Variable.Role role, Tensor init) {
        String full = prefix() + layer + "/" + varName;
        if (byName.containsKey(full)) {
            throw new IllegalStateException("variable " + full + " created twice");
        }
        Variable v = new Variable(full, role, init);
        byName.put(full, v);
        return v;
    }

    private String prefix() {
        StringBuilder sb = new StringBuilder();
        for (String s : scopes) {
            sb.append(s).append('/');
        }
        return sb.toString();
    }

    /** All variables in creation order. */
    public List<Variable> all() {
        return Collections.unmodifiableList(new ArrayList<>(byName.values()));
    }
}

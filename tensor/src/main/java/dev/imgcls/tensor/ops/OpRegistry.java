package dev.imgcls.tensor.ops;

import dev.imgcls.tensor.OpDef;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Every op of the engine: the public static OpDef fields of the op family classes. A family added
 * to the package but not to {@link #FAMILIES} fails OpDeclarationTest.
 */
public final class OpRegistry {
    private static final List<Class<?>> FAMILIES = List.of(
            ElementwiseOps.class, ReduceOps.class, ShapeOps.class, LinalgOps.class,
            ConvOps.class, PoolOps.class, NormOps.class, LossOps.class, OptimizerOps.class);

    private static final List<OpDef<?>> ALL = collect();

    private OpRegistry() {
    }

    public static List<OpDef<?>> all() {
        return ALL;
    }

    public static OpDef<?> byName(String name) {
        for (OpDef<?> op : ALL) {
            if (op.name().equals(name)) {
                return op;
            }
        }
        throw new IllegalArgumentException("no op named " + name);
    }

    private static List<OpDef<?>> collect() {
        List<OpDef<?>> ops = new ArrayList<>();
        for (Class<?> family : FAMILIES) {
            for (Field f : family.getFields()) {
                if (Modifier.isStatic(f.getModifiers()) && OpDef.class.isAssignableFrom(f.getType())) {
                    try {
                        ops.add((OpDef<?>) f.get(null));
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        return Collections.unmodifiableList(ops);
    }
}

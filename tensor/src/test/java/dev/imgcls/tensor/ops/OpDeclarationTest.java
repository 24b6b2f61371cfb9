package dev.imgcls.tensor.ops;

import dev.imgcls.tensor.OpDef;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every op must declare on its OpDef, checked over {@link OpRegistry#all()}; and that the
 * registry's hand-kept family list misses no OpDef declared in this package. Kernels and the
 * SavedModel translation are checked where they live (BackendCoverageTest, NetworkTranslationTest).
 */
class OpDeclarationTest {

    @Test
    void everyOpDeclaredInThePackageIsRegistered() throws Exception {
        Set<OpDef<?>> registered = Collections.newSetFromMap(new IdentityHashMap<>());
        registered.addAll(OpRegistry.all());
        List<String> declared = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Class<?> c : classesOfThisPackage()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) && OpDef.class.isAssignableFrom(f.getType())) {
                    f.setAccessible(true);
                    OpDef<?> op = (OpDef<?>) f.get(null);
                    declared.add(op.name());
                    if (!registered.contains(op)) {
                        missing.add(c.getSimpleName() + "." + f.getName());
                    }
                }
            }
        }
        assertEquals(List.of(), missing, "OpDefs not in OpRegistry.all(): add their class to OpRegistry's families");
        // Guards the scan itself: finding no OpDef would make the check above pass vacuously.
        assertEquals(OpRegistry.all().size(), declared.size(), "declared " + declared);
    }

    @Test
    void opNamesAreUnique() {
        Set<String> names = new HashSet<>();
        for (OpDef<?> op : OpRegistry.all()) {
            assertTrue(names.add(op.name()), "two ops named " + op.name());
        }
    }

    @Test
    void everyOpDeclaresAProfileKind() {
        List<String> without = new ArrayList<>();
        for (OpDef<?> op : OpRegistry.all()) {
            if (op.kind() == null) {
                without.add(op.name());
            }
        }
        assertEquals(List.of(), without, "ops without profiledAs(OpKind)");
    }

    /** Dense-math kinds report GFLOP/s, so their ops must count FLOPs; other ops must not (they would skew the totals). */
    @Test
    void flopRulesExactlyWhereTheKindCountsFlops() {
        List<String> wrong = new ArrayList<>();
        for (OpDef<?> op : OpRegistry.all()) {
            boolean counts = op.kind() != null && op.kind().countsFlops();
            if (counts != (op.flopRule() != null)) {
                wrong.add(op.name() + " (" + op.kind() + ", rule " + (op.flopRule() != null) + ")");
            }
        }
        assertEquals(List.of(), wrong, "ops whose FLOP rule does not match their kind");
        assertFalse(ConvOps.CONV2D.flopRule() == null || LinalgOps.MATMUL.flopRule() == null);
    }

    private static List<Class<?>> classesOfThisPackage() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(OpRegistry.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path dir = root.resolve(OpRegistry.class.getPackageName().replace('.', '/'));
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String file = p.getFileName().toString();
                if (file.endsWith(".class") && !file.equals("package-info.class")) {
                    String name = OpRegistry.class.getPackageName() + "." + file.substring(0, file.length() - ".class".length());
                    classes.add(Class.forName(name));
                }
            }
        }
        return classes;
    }
}

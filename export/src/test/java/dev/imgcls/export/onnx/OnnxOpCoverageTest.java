package dev.imgcls.export.onnx;

import dev.imgcls.export.savedmodel.OpCoverageModel;
import dev.imgcls.export.savedmodel.trace.ModelTracer;
import dev.imgcls.export.savedmodel.trace.TracedOp;
import dev.imgcls.nn.Model;
import dev.imgcls.nn.ModelFactory;
import dev.imgcls.tensor.OpDef;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every op the exported models' forward passes use has an ONNX translation, and every translation
 * is used by a model that OnnxRuntimeAgreementTest runs (so none goes unchecked).
 */
class OnnxOpCoverageTest {
    @Test
    void translationsExactlyForTheOpsModelsUse() {
        Set<OpDef<?>> used = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Model> models = List.of(ModelFactory.create("resnet-18", 6, 1), ModelFactory.create("resnet-50", 6, 1),
                ModelFactory.create("efficientnet-b0", 6, 2), new OpCoverageModel(5, 29, 3));
        for (Model m : models) {
            for (TracedOp op : ModelTracer.trace(m, m instanceof OpCoverageModel ? 29 : 32).ops()) {
                used.add(op.op());
            }
        }
        Set<String> untranslated = new TreeSet<>();
        for (OpDef<?> op : used) {
            if (OnnxOpTranslations.of(op) == null) {
                untranslated.add(op.name());
            }
        }
        assertEquals(Set.of(), untranslated, "ops models use without an ONNX translation (OnnxOpTranslations)");
        Set<String> unused = new TreeSet<>();
        for (OpDef<?> op : OnnxOpTranslations.ops()) {
            if (!used.contains(op)) {
                unused.add(op.name());
            }
        }
        assertEquals(Set.of(), unused, "ONNX translations no test model uses: add the op to OpCoverageModel");
    }
}

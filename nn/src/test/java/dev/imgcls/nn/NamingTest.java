package dev.imgcls.nn;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Variable names and shapes against listings written from the seed spec's naming rules (§3.4). */
class NamingTest {
    @Test
    void resnet18NamesAndShapesAreTheReferenceCheckpointsOnes() throws IOException {
        assertEquals(listing("resnet-18-variables.txt"), names(ModelFactory.create("resnet-18", 1000, 1)));
    }

    @Test
    void efficientNetB0NamesAndShapesAreTheReferenceCheckpointsOnes() throws IOException {
        assertEquals(listing("efficientnet-b0-variables.txt"), names(ModelFactory.create("efficientnet-b0", 1000, 1)));
    }

    @Test
    void resnet50EndsAtConv52AndDecayRuleExcludesBatchNorm() {
        Model m = ModelFactory.create("resnet-50", 10, 1);
        assertEquals("[1, 1, 512, 2048]", m.variable("conv2d_52/kernel").shape().toString());
        assertTrue(m.variable("dense/bias").weightDecay(), "the reference decays the dense bias too");
        assertFalse(m.variable("batch_normalization_3/gamma").weightDecay());
        assertFalse(m.variable("batch_normalization_3/moving_mean").trainable());
        Model e = ModelFactory.create("efficientnet-b1", 10, 1);
        assertFalse(e.variable("efficientnet-b1/blocks_22/tpu_batch_normalization_2/beta").weightDecay());
        assertTrue(e.variable("efficientnet-b1/blocks_22/se/conv2d/bias").weightDecay());
    }

    private static List<String> names(Model m) {
        return m.variables().stream().map(v -> v.name() + " " + v.shape()).toList();
    }

    private static List<String> listing(String resource) throws IOException {
        try (InputStream in = NamingTest.class.getResourceAsStream("/" + resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        }
    }
}

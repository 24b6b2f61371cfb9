package dev.imgcls.export.warmstart;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Detecting the outer scope a checkpoint's training code put around the reference names. */
class NameMappingTest {

    private static final Set<String> RESNET = Set.of("conv2d/kernel", "conv2d_1/kernel", "batch_normalization/gamma",
            "batch_normalization/moving_mean", "dense/kernel", "dense/bias");

    private static List<String> under(String scope, Set<String> names) {
        List<String> scoped = new ArrayList<>();
        for (String n : names) {
            scoped.add(scope + n);
        }
        return scoped;
    }

    @Test
    void referenceNamesNeedNoMapping() {
        List<String> checkpoint = new ArrayList<>(RESNET);
        checkpoint.add("global_step");
        checkpoint.add("conv2d/kernel/Momentum");
        assertEquals(NameMapping.NONE, NameMapping.detect(RESNET, checkpoint));
    }

    @Test
    void retinaNetAndOfficialModelsScopesAreFound() {
        List<String> retinaNet = under("resnet50/", RESNET);
        retinaNet.addAll(List.of("fpn/post_hoc_d3/kernel", "class_net/class-predict/bias", "resnet50/conv2d/kernel/Momentum", "global_step"));
        assertEquals(new NameMapping("resnet50/"), NameMapping.detect(RESNET, retinaNet));

        assertEquals(new NameMapping("resnet_model/"), NameMapping.detect(RESNET, under("resnet_model/", RESNET)));
    }

    @Test
    void movingAverageShadowsCountAsMatches() {
        List<String> shadowsOnly = new ArrayList<>();
        for (String n : under("outer/scope/", RESNET)) {
            shadowsOnly.add(n + "/ExponentialMovingAverage");
        }
        assertEquals(new NameMapping("outer/scope/"), NameMapping.detect(RESNET, shadowsOnly));
    }

    @Test
    void theNamesAsTheyAreWinTiesAndAScopeMustMatchMore() {
        List<String> both = new ArrayList<>(RESNET);
        both.addAll(under("resnet50/", RESNET));
        assertEquals(NameMapping.NONE, NameMapping.detect(RESNET, both), "a tie keeps the names as they are");

        List<String> mostlyScoped = under("resnet50/", RESNET);
        mostlyScoped.add("dense/kernel");
        assertEquals(new NameMapping("resnet50/"), NameMapping.detect(RESNET, mostlyScoped));

        assertEquals(NameMapping.NONE, NameMapping.detect(RESNET, List.of("something/else", "global_step")), "nothing matches");
    }

    @Test
    void aScopeMatchesWholeSegmentsOnly() {
        // "xconv2d/kernel" ends with a model name, but not at a '/': no scope "x" is invented.
        assertEquals(NameMapping.NONE, NameMapping.detect(RESNET, List.of("xconv2d/kernel", "xdense/bias")));
    }

    @Test
    void mappingNamesAndValidation() {
        NameMapping scoped = new NameMapping("resnet50/");
        assertEquals("resnet50/conv2d_3/kernel", scoped.checkpointName("conv2d_3/kernel"));
        assertEquals("conv2d_3/kernel", NameMapping.NONE.checkpointName("conv2d_3/kernel"));
        assertThrows(IllegalArgumentException.class, () -> new NameMapping("resnet50"));
    }
}

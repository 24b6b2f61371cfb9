package dev.imgcls.kernels.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** CUDA's image compatibility rules, as KernelModules applies them to the jar's fatbins; needs no GPU. */
class KernelImageChoiceTest {
    /** What compile-cu.sh builds with nvcc 13.0: SASS sm_80, sm_90, sm_100 and PTX compute_100. */
    private static final List<KernelImage> OURS = List.of(sass(80), sass(90), sass(100), ptx(100));

    static KernelImage sass(int arch) {
        return new KernelImage(KernelImage.Kind.SASS, arch, KernelImage.Variant.GENERIC, 1, 8);
    }

    static KernelImage ptx(int arch) {
        return new KernelImage(KernelImage.Kind.PTX, arch, KernelImage.Variant.GENERIC, 9, 0);
    }

    private static KernelImage variant(KernelImage.Kind kind, int arch, KernelImage.Variant v) {
        return new KernelImage(kind, arch, v, 1, 8);
    }

    private static String chosen(List<KernelImage> images, int major, int minor) {
        KernelImageChoice c = KernelImageChoice.choose(images, major, minor);
        return c.found() ? c.image().label() : "none";
    }

    @Test
    void sassOfTheSameMajorAndAnEqualOrLowerMinorWinsTheHighestSuch() {
        assertEquals("sm_80 SASS", chosen(OURS, 8, 0));
        assertEquals("sm_80 SASS", chosen(OURS, 8, 6), "RTX 30xx / A40 run sm_80 code");
        assertEquals("sm_80 SASS", chosen(OURS, 8, 7));
        assertEquals("sm_80 SASS", chosen(OURS, 8, 9), "Ada (L4, L40, RTX 40xx) is major 8: sm_80 SASS, not sm_90");
        assertEquals("sm_90 SASS", chosen(OURS, 9, 0), "H100 / H200");
        assertEquals("sm_100 SASS", chosen(OURS, 10, 0), "B200");
        assertEquals("sm_100 SASS", chosen(OURS, 10, 3), "B300 runs sm_100 code");
        assertEquals("sm_90 SASS", chosen(List.of(sass(80), sass(86), sass(90)), 9, 0));
        assertEquals("sm_86 SASS", chosen(List.of(sass(80), sass(86), sass(90)), 8, 9), "the highest minor not above the device's");
    }

    @Test
    void aNewerMajorWithoutSassJitCompilesTheNewestPtxNotAboveIt() {
        KernelImageChoice c = KernelImageChoice.choose(OURS, 12, 0);
        assertEquals(ptx(100), c.image(), "RTX 50xx (sm_120): no SASS of major 12, so PTX compute_100");
        assertEquals("PTX compute_100 (ISA 9.0) JIT-compiled by the driver for sm_120", c.description());
        assertEquals("PTX compute_100 (ISA 9.0)", chosen(OURS, 11, 0));
        assertEquals("PTX compute_100 (ISA 9.0)", chosen(OURS, 12, 1));
        assertEquals("PTX compute_90 (ISA 9.0)", chosen(List.of(sass(80), ptx(80), ptx(90), ptx(120)), 10, 0),
                "compute_120 is above sm_100: the highest PTX not above the device");
        assertEquals("sm_90 SASS on sm_90", KernelImageChoice.choose(List.of(ptx(90), sass(90)), 9, 0).description(),
                "SASS is preferred over PTX of the same architecture");
    }

    @Test
    void anOlderDeviceThanEveryImageGetsNoneAndTheReason() {
        KernelImageChoice c = KernelImageChoice.choose(OURS, 7, 5);
        assertFalse(c.found());
        assertNull(c.image());
        assertTrue(c.description().startsWith("kernels built for sm_80, sm_90, sm_100 + PTX compute_100; device is sm_75, which none"),
                c.description());
        assertEquals("none", chosen(OURS, 7, 0));
        assertEquals("none", chosen(List.of(sass(80), sass(90)), 12, 0), "SASS never crosses a major version");
        assertEquals("none", chosen(List.of(sass(86)), 8, 0), "SASS of a higher minor does not run");
        assertEquals("none", chosen(List.of(), 9, 0));
        assertTrue(KernelImageChoice.choose(List.of(), 9, 0).description().startsWith("kernels built for nothing;"));
    }

    @Test
    void archSpecificCodeRunsOnlyOnItsArchitectureAndFamilyCodeOnlyWithinItsMajor() {
        KernelImage sm90a = variant(KernelImage.Kind.SASS, 90, KernelImage.Variant.ARCH_SPECIFIC);
        KernelImage sm100a = variant(KernelImage.Kind.SASS, 100, KernelImage.Variant.ARCH_SPECIFIC);
        KernelImage sm100f = variant(KernelImage.Kind.SASS, 100, KernelImage.Variant.FAMILY_SPECIFIC);
        KernelImage compute90a = variant(KernelImage.Kind.PTX, 90, KernelImage.Variant.ARCH_SPECIFIC);
        assertEquals("sm_90a SASS", chosen(List.of(sm90a), 9, 0));
        assertEquals("none", chosen(List.of(sm90a, compute90a), 10, 0), "sm_90a and compute_90a are for 9.0 only");
        assertEquals("sm_100f SASS", chosen(List.of(sm100a, sm100f), 10, 3), "sm_100a is 10.0 only; sm_100f covers 10.3");
        assertEquals("sm_100a SASS", chosen(List.of(sass(100), sm100f, sm100a), 10, 0), "on a tie the most specific variant");
        assertEquals("none", chosen(List.of(sm100f), 12, 0), "family code stays within its major version");
        assertEquals("none", chosen(List.of(sass(90), sm100a), 10, 3), "sm_100a is 10.0 only and sm_90 SASS is another major");
    }

    @Test
    void inventoryListsSassThenPtx() {
        assertEquals("sm_80, sm_90, sm_100 + PTX compute_100", KernelImageChoice.inventory(OURS));
        assertEquals("PTX compute_80", KernelImageChoice.inventory(List.of(ptx(80))));
        assertEquals("sm_90a", KernelImageChoice.inventory(List.of(variant(KernelImage.Kind.SASS, 90, KernelImage.Variant.ARCH_SPECIFIC))));
    }
}

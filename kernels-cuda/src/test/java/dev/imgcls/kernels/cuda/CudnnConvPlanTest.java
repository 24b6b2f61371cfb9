package dev.imgcls.kernels.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imgcls.tensor.Shape;
import dev.imgcls.tensor.ops.ConvOps.Conv2dAttrs;
import dev.imgcls.tensor.ops.ConvOps.Geometry;
import dev.imgcls.tensor.ops.Padding;
import org.junit.jupiter.api.Test;

/** The cuDNN padding decision, which needs no GPU: explicit padding exactly when symmetric padding misses our output size. */
class CudnnConvPlanTest {
    private static Geometry geometry(int h, int w, int k, int stride, Padding padding) {
        return Conv2dAttrs.of(stride, padding).geometry(Shape.of(1, h, w, 3), Shape.of(k, k, 3, 4));
    }

    @Test
    void symmetricSamePaddingRunsOnCudnnPadding() {
        assertFalse(CudnnConvPlan.needsExplicitPadding(geometry(9, 7, 3, 1, Padding.SAME)));
        assertFalse(CudnnConvPlan.needsExplicitPadding(geometry(9, 9, 3, 2, Padding.SAME)), "odd input, stride 2: 1 pixel each side");
        assertFalse(CudnnConvPlan.needsExplicitPadding(geometry(8, 8, 1, 2, Padding.SAME)), "1×1 stride 2 needs no padding");
        assertFalse(CudnnConvPlan.needsExplicitPadding(geometry(9, 7, 3, 2, Padding.VALID)));
    }

    @Test
    void asymmetricSamePaddingIsExplicit() {
        // 3×3 stride 2 on 8: out 4, total pad 1 → top 0, bottom 1; cuDNN with pad 0 would give 3.
        Geometry g = geometry(8, 8, 3, 2, Padding.SAME);
        assertTrue(CudnnConvPlan.needsExplicitPadding(g));
        assertEquals(1, CudnnConvPlan.padAfter(8, 3, 2, g.padTop(), g.oh()));
        // 7×7 stride 2 on 224 (ResNet's stem): total 5 → top 2, bottom 3.
        Geometry stem = geometry(224, 224, 7, 2, Padding.SAME);
        assertTrue(CudnnConvPlan.needsExplicitPadding(stem));
        assertEquals(2, stem.padTop());
        assertEquals(3, CudnnConvPlan.padAfter(224, 7, 2, stem.padTop(), stem.oh()));
    }

    @Test
    void explicitPaddingWiderOnOneSide() {
        Geometry g = Conv2dAttrs.of(1, Padding.explicit(2, 0, 0, 0)).geometry(Shape.of(1, 5, 5, 3), Shape.of(3, 3, 3, 4));
        assertTrue(CudnnConvPlan.needsExplicitPadding(g), "symmetric 2 would give 7 rows, ours is 5");
        assertEquals(0, CudnnConvPlan.padAfter(5, 3, 1, 2, g.oh()));
    }
}

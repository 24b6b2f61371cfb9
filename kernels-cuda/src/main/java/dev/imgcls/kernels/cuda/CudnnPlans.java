package dev.imgcls.kernels.cuda;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.imgcls.tensor.ops.ConvOps.Geometry;

/**
 * The cuDNN descriptors and chosen algorithms, made once per shape and kept for the life of the
 * context (a training run sees a fixed, small set of shapes).
 */
final class CudnnPlans {
    private final long handle;
    private final Map<List<Integer>, Long> tensors = new HashMap<>();
    private final Map<Geometry, CudnnConvPlan> convolutions = new HashMap<>();

    CudnnPlans(long handle) {
        this.handle = handle;
    }

    long handle() {
        return handle;
    }

    /** A FLOAT32 4-d tensor descriptor (format NCHW or NHWC; the dims are always given as n, c, h, w). */
    synchronized long tensor(int format, int n, int c, int h, int w) {
        return tensors.computeIfAbsent(List.of(format, n, c, h, w), k -> Cudnn.createTensor4d(format, n, c, h, w));
    }

    synchronized CudnnConvPlan convolution(Geometry g) {
        CudnnConvPlan plan = convolutions.get(g);
        if (plan == null) {
            plan = new CudnnConvPlan(this, g);
            convolutions.put(g, plan);
        }
        return plan;
    }
}

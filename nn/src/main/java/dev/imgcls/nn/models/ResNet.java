package dev.imgcls.nn.models;

import dev.imgcls.nn.Initializers;
import dev.imgcls.nn.Mode;
import dev.imgcls.nn.Model;
import dev.imgcls.nn.layers.BatchNorm;
import dev.imgcls.nn.layers.Conv2d;
import dev.imgcls.nn.layers.Dense;
import dev.imgcls.tensor.Generator;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.ops.Padding;
import dev.imgcls.tensor.ops.PoolOps;
import dev.imgcls.tensor.ops.ReduceOps;

import java.util.ArrayList;
import java.util.List;

/**
 * ResNet v1.5 as {@code tensorflow/tpu} r1.14's {@code resnet_model.py}: stride on the 3×3 conv,
 * a projection shortcut on the first block of every group (group 1 included), the last batch
 * norm of each block initialised with gamma 0, fixed (explicit) padding for strided convs, and
 * variables named {@code conv2d[_k]}, {@code batch_normalization[_k]}, {@code dense} with no
 * outer scope.
 */
public final class ResNet extends Model {
    /**
     * The reference asks for epsilon 1e-5, but TF1's fused batch norm raises any epsilon below
     * 1.001e-5 (a cuDNN minimum) to 1.001e-5, so that is what the trained models used.
     */
    static final double FUSED_MIN_EPSILON = 1.001e-5;

    static final BatchNorm.Config BN = new BatchNorm.Config("batch_normalization", 0.9, FUSED_MIN_EPSILON, true);

    private final Conv2d stemConv;
    private final BatchNorm stemBn;
    private final List<Block> blocks = new ArrayList<>();
    private final Dense head;

    public ResNet(int depth, int numClasses, Generator gen) {
        super("resnet-" + depth, numClasses);
        ResNetDepth spec = ResNetDepth.of(depth);
        stemConv = conv(gen, 7, 3, ResNetDepth.BASE_FILTERS, 2);
        stemBn = new BatchNorm(store, BN, ResNetDepth.BASE_FILTERS, false);
        int in = ResNetDepth.BASE_FILTERS;
        for (int group = 0; group < spec.blocksPerGroup().size(); group++) {
            int filters = ResNetDepth.BASE_FILTERS << group;
            for (int b = 0; b < spec.blocksPerGroup().get(group); b++) {
                int stride = b == 0 && group > 0 ? 2 : 1;
                Block block = spec.bottleneck() ? new Bottleneck(gen, in, filters, stride, b == 0) : new Basic(gen, in, filters, stride, b == 0);
                blocks.add(block);
                in = spec.bottleneck() ? 4 * filters : filters;
            }
        }
        head = new Dense(store, Initializers.normal(gen, 0.01, in, numClasses));
    }

    /** Convs with stride > 1 pad explicitly ((k−1)/2 before, the rest after) then run VALID, as fixed_padding does. */
    private Conv2d conv(Generator gen, int k, int in, int out, int stride) {
        Padding padding = stride == 1 ? Padding.SAME : Padding.explicit((k - 1) / 2, k - 1 - (k - 1) / 2, (k - 1) / 2, k - 1 - (k - 1) / 2);
        return new Conv2d(store, k, in, out, stride, padding, false, shape -> Initializers.varianceScalingFanIn(gen, shape));
    }

    @Override
    protected Tensor logits(Tensor x, Mode mode) {
        x = stemBn.forward(stemConv.forward(x), mode).relu();
        x = PoolOps.maxPool(x, 3, 2, Padding.SAME);
        for (Block b : blocks) {
            x = b.forward(x, mode);
        }
        return head.forward(ReduceOps.mean(x, false, 1, 2));
    }

    private interface Block {
        Tensor forward(Tensor x, Mode mode);
    }

    /** Projection conv + BN (no ReLU), created before the block's own convs as in the reference. */
    private final class Shortcut {
        final Conv2d conv;
        final BatchNorm bn;

        Shortcut(Generator gen, int in, int out, int stride) {
            conv = conv(gen, 1, in, out, stride);
            bn = new BatchNorm(store, BN, out, false);
        }

        Tensor forward(Tensor x, Mode mode) {
            return bn.forward(conv.forward(x), mode);
        }
    }

    /** 3×3 → 3×3 (stride on the first), for depths 18 and 34. */
    private final class Basic implements Block {
        final Shortcut shortcut;
        final Conv2d c1;
        final BatchNorm b1;
        final Conv2d c2;
        final BatchNorm b2;

        Basic(Generator gen, int in, int filters, int stride, boolean projection) {
            shortcut = projection ? new Shortcut(gen, in, filters, stride) : null;
            c1 = conv(gen, 3, in, filters, stride);
            b1 = new BatchNorm(store, BN, filters, false);
            c2 = conv(gen, 3, filters, filters, 1);
            b2 = new BatchNorm(store, BN, filters, true);
        }

        @Override
        public Tensor forward(Tensor x, Mode mode) {
            Tensor s = shortcut == null ? x : shortcut.forward(x, mode);
            Tensor y = b1.forward(c1.forward(x), mode).relu();
            y = b2.forward(c2.forward(y), mode);
            return y.add(s).relu();
        }
    }

    /** 1×1 → 3×3 (stride here: v1.5) → 1×1 ×4, for depths 50 and up. */
    private final class Bottleneck implements Block {
        final Shortcut shortcut;
        final Conv2d c1;
        final BatchNorm b1;
        final Conv2d c2;
        final BatchNorm b2;
        final Conv2d c3;
        final BatchNorm b3;

        Bottleneck(Generator gen, int in, int filters, int stride, boolean projection) {
            shortcut = projection ? new Shortcut(gen, in, 4 * filters, stride) : null;
            c1 = conv(gen, 1, in, filters, 1);
            b1 = new BatchNorm(store, BN, filters, false);
            c2 = conv(gen, 3, filters, filters, stride);
            b2 = new BatchNorm(store, BN, filters, false);
            c3 = conv(gen, 1, filters, 4 * filters, 1);
            b3 = new BatchNorm(store, BN, 4 * filters, true);
        }

        @Override
        public Tensor forward(Tensor x, Mode mode) {
            Tensor s = shortcut == null ? x : shortcut.forward(x, mode);
            Tensor y = b1.forward(c1.forward(x), mode).relu();
            y = b2.forward(c2.forward(y), mode).relu();
            y = b3.forward(c3.forward(y), mode);
            return y.add(s).relu();
        }
    }
}

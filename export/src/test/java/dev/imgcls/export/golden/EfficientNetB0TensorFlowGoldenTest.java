package dev.imgcls.export.golden;

import dev.imgcls.nn.Model;
import dev.imgcls.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

import static dev.imgcls.export.golden.GoldenLogits.IMAGE_SIZE;
import static dev.imgcls.export.golden.GoldenLogits.NUM_CLASSES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * EfficientNet-B0 written out in TensorFlow ops from the reference (tensorflow/tpu r1.14
 * {@code efficientnet_model.py} and the B0 block table of {@code efficientnet_builder.py};
 * seed-spec §2.2), fed our model's weights by variable name: our logits must be the reference's.
 * A wiring difference on either side (a stride, SAME padding, squeeze-excite on the wrong tensor
 * or sized from the wrong width, a missing swish, a skip where there is none, the batch-norm
 * epsilon) moves the logits far beyond the tolerance.
 */
class EfficientNetB0TensorFlowGoldenTest {
    private static final String SCOPE = "efficientnet-b0/";
    /** The non-fused TpuBatchNormalization's epsilon. */
    private static final float EPSILON = 1e-3f;
    private static final double SE_RATIO = 0.25;

    /** One row of the B0 table (width and depth multipliers 1.0, so no rounding changes it). */
    private record Stage(int repeats, int kernel, int stride, int expandRatio, int in, int out) {
    }

    private static final Stage[] STAGES = {
        new Stage(1, 3, 1, 1, 32, 16),
        new Stage(2, 3, 2, 6, 16, 24),
        new Stage(2, 5, 2, 6, 24, 40),
        new Stage(3, 3, 2, 6, 40, 80),
        new Stage(3, 5, 1, 6, 80, 112),
        new Stage(4, 5, 2, 6, 112, 192),
        new Stage(1, 3, 1, 6, 192, 320),
    };
    private static final int STEM = 32;
    private static final int HEAD = 1280;

    @Test
    void ourLogitsAreTheReferenceNetworks() {
        TfNetwork.assumeAvailable();
        Model model = GoldenLogits.randomModel("efficientnet-b0", 32);
        Tensor images = GoldenLogits.images();
        float[][] reference;
        try (TfNetwork tf = new TfNetwork(model)) {
            Reference net = new Reference(tf);
            Operand<TFloat32> logits = net.logits(tf.normalizedImages(images.toFloatArray(), images.dim(0), IMAGE_SIZE, IMAGE_SIZE));
            assertEquals(16, net.blocks, "EfficientNet-B0 has 16 MBConv blocks");
            assertTrue(tf.unread().isEmpty(), "our model has variables the reference has not: " + tf.unread());
            reference = tf.run(logits, images.dim(0), NUM_CLASSES);
        }
        GoldenLogits.assertSame("efficientnet-b0", GoldenLogits.ourLogits(model, images), reference);
    }

    private static final class Reference {
        private final TfNetwork tf;
        private int blocks;

        Reference(TfNetwork tf) {
            this.tf = tf;
        }

        Operand<TFloat32> logits(Operand<TFloat32> x) {
            x = tf.conv(x, SCOPE + "stem/conv2d/kernel", 3, 3, STEM, 2, "SAME");
            x = tf.swish(tf.batchNorm(x, SCOPE + "stem/tpu_batch_normalization", STEM, EPSILON));
            for (Stage s : STAGES) {
                for (int r = 0; r < s.repeats(); r++) {
                    // Repeats after a stage's first block keep its width and have stride 1.
                    x = mbConv(x, r == 0 ? s.in() : s.out(), s.out(), s.kernel(), r == 0 ? s.stride() : 1, s.expandRatio());
                }
            }
            x = tf.conv(x, SCOPE + "head/conv2d/kernel", 1, STAGES[STAGES.length - 1].out(), HEAD, 1, "SAME");
            x = tf.swish(tf.batchNorm(x, SCOPE + "head/tpu_batch_normalization", HEAD, EPSILON));
            x = tf.spatialMean(x, false);
            return tf.dense(x, SCOPE + "head/dense", HEAD, NUM_CLASSES);
        }

        /** MBConvBlock.call in eval mode (no drop connect); layers are named in the order _build creates them. */
        private Operand<TFloat32> mbConv(Operand<TFloat32> inputs, int in, int out, int kernel, int stride, int expandRatio) {
            String block = SCOPE + "blocks_" + blocks++ + "/";
            int filters = in * expandRatio;
            int conv = 0;
            int bn = 0;
            Operand<TFloat32> x = inputs;
            if (expandRatio != 1) {
                x = tf.conv(x, block + numbered("conv2d", conv++) + "/kernel", 1, in, filters, 1, "SAME");
                x = tf.swish(tf.batchNorm(x, block + numbered("tpu_batch_normalization", bn++), filters, EPSILON));
            }
            x = tf.depthwise(x, block + "depthwise_conv2d/depthwise_kernel", kernel, filters, stride);
            x = tf.swish(tf.batchNorm(x, block + numbered("tpu_batch_normalization", bn++), filters, EPSILON));

            // Squeeze-excite on the depthwise output, reduced to a quarter of the block's input width.
            int reduced = Math.max(1, (int) (in * SE_RATIO));
            Operand<TFloat32> se = tf.spatialMean(x, true);
            se = tf.swish(tf.convWithBias(se, block + "se/conv2d", filters, reduced));
            se = tf.convWithBias(se, block + "se/conv2d_1", reduced, filters);
            x = tf.mul(tf.sigmoid(se), x);

            x = tf.conv(x, block + numbered("conv2d", conv) + "/kernel", 1, filters, out, 1, "SAME");
            x = tf.batchNorm(x, block + numbered("tpu_batch_normalization", bn), out, EPSILON);
            return stride == 1 && in == out ? tf.add(x, inputs) : x;
        }

        private static String numbered(String layer, int index) {
            return index == 0 ? layer : layer + "_" + index;
        }
    }
}

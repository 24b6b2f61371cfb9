package dev.imgcls.nn.models;

import java.util.ArrayList;
import java.util.List;

/**
 * The EfficientNet scaling table and base blocks of {@code efficientnet_builder.py}, and the
 * rounding rules that turn them into each model's widths and repeats.
 */
public record EfficientNetParams(String name, double width, double depth, int resolution, double dropout) {
    public static final double DROP_CONNECT_RATE = 0.2;
    private static final int DEPTH_DIVISOR = 8;

    /** One stage of the base network (B0): repeats, kernel, stride, expansion, in/out filters, SE ratio. */
    public record Stage(int repeats, int kernel, int stride, int expand, int in, int out, double seRatio) {
    }

    /** One concrete block after scaling. */
    public record Block(int kernel, int stride, int expand, int in, int out, double seRatio) {
        public int expanded() {
            return in * expand;
        }

        /** SE width from the block's input filters (not the expanded width), as the reference. */
        public int seReduced() {
            return Math.max(1, (int) (in * seRatio));
        }

        public boolean identitySkip() {
            return stride == 1 && in == out;
        }
    }

    public static final List<Stage> BASE_STAGES = List.of(
            new Stage(1, 3, 1, 1, 32, 16, 0.25),
            new Stage(2, 3, 2, 6, 16, 24, 0.25),
            new Stage(2, 5, 2, 6, 24, 40, 0.25),
            new Stage(3, 3, 2, 6, 40, 80, 0.25),
            new Stage(3, 5, 1, 6, 80, 112, 0.25),
            new Stage(4, 5, 2, 6, 112, 192, 0.25),
            new Stage(1, 3, 1, 6, 192, 320, 0.25));

    public static EfficientNetParams of(String modelType) {
        return switch (modelType) {
            case "efficientnet-b0" -> new EfficientNetParams(modelType, 1.0, 1.0, 224, 0.2);
            case "efficientnet-b1" -> new EfficientNetParams(modelType, 1.0, 1.1, 240, 0.2);
            case "efficientnet-b2" -> new EfficientNetParams(modelType, 1.1, 1.2, 260, 0.3);
            case "efficientnet-b3" -> new EfficientNetParams(modelType, 1.2, 1.4, 300, 0.3);
            case "efficientnet-b4" -> new EfficientNetParams(modelType, 1.4, 1.8, 380, 0.4);
            case "efficientnet-b5" -> new EfficientNetParams(modelType, 1.6, 2.2, 456, 0.4);
            case "efficientnet-b6" -> new EfficientNetParams(modelType, 1.8, 2.6, 528, 0.5);
            case "efficientnet-b7" -> new EfficientNetParams(modelType, 2.0, 3.1, 600, 0.5);
            default -> throw new IllegalArgumentException("unknown EfficientNet " + modelType + "; choose efficientnet-b0 … efficientnet-b7");
        };
    }

    /** round_filters: scale, round to a multiple of 8 (at least 8), and never lose more than 10%. */
    public int roundFilters(int filters) {
        double scaled = filters * width;
        int rounded = Math.max(DEPTH_DIVISOR, (int) (scaled + DEPTH_DIVISOR / 2.0) / DEPTH_DIVISOR * DEPTH_DIVISOR);
        if (rounded < 0.9 * scaled) {
            rounded += DEPTH_DIVISOR;
        }
        return rounded;
    }

    /** round_repeats: ceil(depth · repeats). */
    public int roundRepeats(int repeats) {
        return (int) Math.ceil(depth * repeats);
    }

    public int stemFilters() {
        return roundFilters(32);
    }

    public int headFilters() {
        return roundFilters(1280);
    }

    /** Every block in order: a stage's first block takes its stride and in→out, the repeats in = out, stride 1. */
    public List<Block> blocks() {
        List<Block> blocks = new ArrayList<>();
        for (Stage s : BASE_STAGES) {
            int in = roundFilters(s.in());
            int out = roundFilters(s.out());
            int repeats = roundRepeats(s.repeats());
            blocks.add(new Block(s.kernel(), s.stride(), s.expand(), in, out, s.seRatio()));
            for (int r = 1; r < repeats; r++) {
                blocks.add(new Block(s.kernel(), 1, s.expand(), out, out, s.seRatio()));
            }
        }
        return blocks;
    }
}

package dev.imgcls.nn.models;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One ResNet depth of the reference ({@code resnet_model.py}, seed-spec §2.1): blocks in each of the
 * four groups and whether the blocks are bottlenecks (three convolutions, output 4× the group's
 * filters) or basic (two). {@link ResNet} is built from it and warm start recognises a ResNet
 * checkpoint by it, so it is defined once, here.
 */
public record ResNetDepth(int depth, List<Integer> blocksPerGroup, boolean bottleneck) {
    /** Every depth of the reference, shallowest first. */
    public static final List<ResNetDepth> ALL = List.of(
            new ResNetDepth(18, List.of(2, 2, 2, 2), false),
            new ResNetDepth(34, List.of(3, 4, 6, 3), false),
            new ResNetDepth(50, List.of(3, 4, 6, 3), true),
            new ResNetDepth(101, List.of(3, 4, 23, 3), true),
            new ResNetDepth(152, List.of(3, 8, 36, 3), true),
            new ResNetDepth(200, List.of(3, 24, 36, 3), true));

    /** Filters of the first group; each later group doubles them. */
    static final int BASE_FILTERS = 64;

    public ResNetDepth {
        blocksPerGroup = List.copyOf(blocksPerGroup);
    }

    public static ResNetDepth of(int depth) {
        return ALL.stream().filter(d -> d.depth == depth).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no ResNet of depth " + depth + "; choose one of "
                        + ALL.stream().map(d -> Integer.toString(d.depth)).collect(Collectors.joining(", "))));
    }

    /** Convolution layers: the stem, one projection shortcut per group (group 1 included), and each block's. */
    public int convolutions() {
        int blocks = blocksPerGroup.stream().mapToInt(Integer::intValue).sum();
        return 1 + blocksPerGroup.size() + blocks * (bottleneck ? 3 : 2);
    }

    /** Width of the last group's output, which global pooling feeds to the dense head. */
    public int pooledFeatures() {
        int filters = BASE_FILTERS << (blocksPerGroup.size() - 1);
        return bottleneck ? 4 * filters : filters;
    }
}

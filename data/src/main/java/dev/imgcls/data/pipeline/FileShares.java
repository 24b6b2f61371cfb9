package dev.imgcls.data.pipeline;

import dev.imgcls.tensor.Generator;

import java.util.ArrayList;
import java.util.List;

/**
 * Disjoint shares of the training files for the ranks of a data-parallel job: the files in a
 * seeded order, dealt out in turn, so each file is in exactly one share and the shares differ by
 * at most one file. The same seed and rank count give the same shares on every run.
 */
final class FileShares {
    private static final long SHARES = 0x7368_6172_6573_0004L;

    private FileShares() {}

    /** Share {@code index} of {@code count}, sorted. */
    static List<String> share(List<String> files, long seed, int index, int count) {
        if (files.size() < count) {
            throw new IllegalArgumentException("cannot give each of " + count + " ranks its own training files: only "
                    + files.size() + " file" + (files.size() == 1 ? "" : "s") + " match; split the data into at least " + count
                    + " files or read it with batch slices");
        }
        List<String> order = new ArrayList<>(files);
        Generator random = ExampleSeeds.stream(seed, SHARES);
        for (int i = order.size() - 1; i > 0; i--) {
            int j = ExampleSeeds.below(random, i + 1);
            String t = order.get(i);
            order.set(i, order.get(j));
            order.set(j, t);
        }
        List<String> mine = new ArrayList<>();
        for (int i = index; i < order.size(); i += count) {
            mine.add(order.get(i));
        }
        mine.sort(null);
        return List.copyOf(mine);
    }

    /** The seed of a share's own file order, shuffle and augmentation, so the ranks draw apart. */
    static long seedOfShare(long seed, int index) {
        return ExampleSeeds.mix(seed ^ ExampleSeeds.mix(SHARES + index));
    }
}

package dev.imgcls.data.pipeline;

import dev.imgcls.tensor.Generator;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The order in which files are opened. Evaluation: the sorted list once. Training: the list over
 * and over, each epoch in a new seeded order ({@code list_files(shuffle=True).repeat()} of the
 * reference), so that the file order is part of what the seed reproduces.
 */
final class ShardSequence implements Iterator<String> {

    private final List<String> files;
    private final Generator random;
    private final boolean repeat;
    private List<String> epoch;
    private int next;
    private long epochs;

    private ShardSequence(List<String> files, Generator random, boolean repeat) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no files to read");
        }
        this.files = List.copyOf(files);
        this.random = random;
        this.repeat = repeat;
        this.epoch = this.files;
        this.next = 0;
        this.epochs = 1;
        if (random != null) {
            this.epoch = permuted();
        }
    }

    /** The files in the given order, once. */
    static ShardSequence once(List<String> files) {
        return new ShardSequence(files, null, false);
    }

    /** The files forever, each pass in a new order drawn from {@code random}. */
    static ShardSequence shuffledForever(List<String> files, Generator random) {
        return new ShardSequence(files, random, true);
    }

    /** Distinct files in one pass. */
    int filesPerEpoch() {
        return files.size();
    }

    /** The pass (from 1) that the file {@link #next()} returned last belongs to. */
    long epoch() {
        return epochs;
    }

    @Override
    public boolean hasNext() {
        return repeat || next < epoch.size();
    }

    @Override
    public String next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        if (next == epoch.size()) {
            epoch = permuted();
            next = 0;
            epochs++;
        }
        return epoch.get(next++);
    }

    /** A Fisher-Yates permutation of the files. */
    private List<String> permuted() {
        List<String> order = new ArrayList<>(files);
        for (int i = order.size() - 1; i > 0; i--) {
            int j = ExampleSeeds.below(random, i + 1);
            String t = order.get(i);
            order.set(i, order.get(j));
            order.set(j, t);
        }
        return order;
    }
}

package dev.imgcls.data.pipeline;

import dev.imgcls.tensor.Generator;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code tf.data}'s shuffle: a buffer of up to {@code capacity} elements; each output is a uniformly
 * chosen element of the buffer, whose place the next input takes. The choice comes from a seeded
 * generator, so for the same input order the output order is always the same.
 */
final class ShuffleBuffer<T> {

    private final int capacity;
    private final Generator random;
    private final List<T> items;

    ShuffleBuffer(int capacity, Generator random) {
        if (capacity < 1) {
            throw new IllegalArgumentException("shuffle buffer size must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
        this.random = random;
        this.items = new ArrayList<>(Math.min(capacity, 4096));
    }

    boolean isFull() {
        return items.size() >= capacity;
    }

    boolean isEmpty() {
        return items.isEmpty();
    }

    void add(T item) {
        if (isFull()) {
            throw new IllegalStateException("shuffle buffer is full");
        }
        items.add(item);
    }

    /** Removes and returns a uniformly chosen element; the last one fills its place. */
    T takeRandom() {
        if (items.isEmpty()) {
            throw new IllegalStateException("shuffle buffer is empty");
        }
        int last = items.size() - 1;
        int chosen = ExampleSeeds.below(random, items.size());
        T item = items.get(chosen);
        items.set(chosen, items.get(last));
        items.remove(last);
        return item;
    }
}

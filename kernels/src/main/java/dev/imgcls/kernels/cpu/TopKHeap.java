package dev.imgcls.kernels.cpu;

/**
 * Selects the k best entries of a row in O(n log k): a heap of the best k seen so far, with the
 * worst of them at the root, then drained worst-first into the output from the back. "Better"
 * means a larger key, or an equal key at a lower index, so the result is TF's top_k order
 * (descending, ties by ascending index). One instance per thread, reused across rows.
 */
final class TopKHeap {
    private final int k;
    private final long[] keys;
    private final int[] index;
    private int size;

    TopKHeap(int k) {
        this.k = k;
        this.keys = new long[k];
        this.index = new int[k];
    }

    /** Writes the indices (relative to {@code from}) of the k best of row[from, from+n) to out[at, at+k). */
    void select(OrderKeys row, int from, int n, int[] out, int at) {
        size = 0;
        for (int i = 0; i < n; i++) {
            long key = row.at(from + i);
            if (size < k) {
                keys[size] = key;
                index[size] = i;
                siftUp(size++);
            } else if (better(key, i, keys[0], index[0])) {
                keys[0] = key;
                index[0] = i;
                siftDown(0);
            }
        }
        for (int j = k - 1; j >= 0; j--) {
            out[at + j] = index[0];
            size--;
            keys[0] = keys[size];
            index[0] = index[size];
            siftDown(0);
        }
    }

    private static boolean better(long keyA, int indexA, long keyB, int indexB) {
        return keyA > keyB || (keyA == keyB && indexA < indexB);
    }

    /** The root must be worse than both children. */
    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!better(keys[parent], index[parent], keys[i], index[i])) {
                return;
            }
            swap(i, parent);
            i = parent;
        }
    }

    private void siftDown(int i) {
        while (true) {
            int worst = i;
            int left = 2 * i + 1;
            int right = left + 1;
            if (left < size && better(keys[worst], index[worst], keys[left], index[left])) {
                worst = left;
            }
            if (right < size && better(keys[worst], index[worst], keys[right], index[right])) {
                worst = right;
            }
            if (worst == i) {
                return;
            }
            swap(i, worst);
            i = worst;
        }
    }

    private void swap(int i, int j) {
        long tk = keys[i];
        keys[i] = keys[j];
        keys[j] = tk;
        int ti = index[i];
        index[i] = index[j];
        index[j] = ti;
    }
}

package dev.imgcls.dist;

/**
 * Splits a range of a buffer into pieces of at most {@code chunk} elements: MPI counts are C ints
 * and the native staging buffer has a fixed size, so a long gradient goes over in several calls.
 */
final class Chunks {
    private Chunks() {
    }

    interface Body {
        void accept(int offset, int length);
    }

    /** Calls {@code body} for consecutive pieces covering [offset, offset + length), in order. */
    static int forEach(int offset, int length, int chunk, Body body) {
        if (chunk <= 0) {
            throw new IllegalArgumentException("chunk size must be positive, got " + chunk);
        }
        if (offset < 0 || length < 0 || (long) offset + length > Integer.MAX_VALUE) {
            throw new IndexOutOfBoundsException("range [" + offset + ", " + offset + " + " + length + ")");
        }
        int calls = 0;
        for (long done = 0; done < length; done += chunk) {
            body.accept(offset + (int) done, (int) Math.min(chunk, length - done));
            calls++;
        }
        return calls;
    }
}

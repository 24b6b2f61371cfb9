package dev.imgcls.data.pipeline;

import dev.imgcls.tensor.Generator;

/**
 * Derives the independent random streams of a pipeline from its one seed. Every example gets its
 * own {@link Generator} keyed by (seed, position in the shuffled stream), so its crop and flip are
 * the same whichever worker thread preprocesses it, and whenever.
 */
final class ExampleSeeds {

    /** Stream ids, so the file order, the shuffle and the examples never share a key. */
    static final long FILE_ORDER = 0x6669_6c65_7300_0001L;
    static final long SHUFFLE = 0x7368_7566_666c_0002L;
    private static final long EXAMPLES = 0x6578_616d_706c_0003L;

    private ExampleSeeds() {}

    /** The generator of one of the pipeline's sequential streams ({@link #FILE_ORDER}, {@link #SHUFFLE}). */
    static Generator stream(long seed, long streamId) {
        return new Generator(mix(mix(seed) ^ streamId));
    }

    /** The generator of the example at {@code sequence} in the stream. */
    static Generator forExample(long seed, long sequence) {
        return new Generator(mix(mix(seed ^ EXAMPLES) + sequence));
    }

    /** A uniform index in [0, bound) (multiply-shift; the bias, bound / 2^32, is far below noticeable). */
    static int below(Generator random, int bound) {
        return (int) ((Integer.toUnsignedLong(random.nextInt()) * bound) >>> 32);
    }

    /** SplitMix64's finalizer: nearby inputs (seeds 1, 2, 3; consecutive examples) give unrelated keys. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}

package dev.imgcls.tensor;

/**
 * A seeded, counter-based random generator (Philox4x32-10). Its whole state is (seed, position),
 * so it can be saved in a checkpoint and resumed exactly, and a device kernel can reproduce any
 * stretch of the stream from the same two numbers.
 */
public final class Generator {
    private static final int M0 = 0xD2511F53;
    private static final int M1 = 0xCD9E8D57;
    private static final int W0 = 0x9E3779B9;
    private static final int W1 = 0xBB67AE85;

    private final long seed;
    private long position;
    private long cachedBlock = -1;
    private final int[] block = new int[4];
    private final int sliceIndex;
    private final int sliceCount;

    public Generator(long seed) {
        this(seed, 0);
    }

    /** A generator at a saved position of the stream of {@code seed}. */
    public Generator(long seed, long position) {
        this(seed, position, 0, 1);
    }

    private Generator(long seed, long position, int sliceIndex, int sliceCount) {
        this.seed = seed;
        this.position = position;
        this.sliceIndex = sliceIndex;
        this.sliceCount = sliceCount;
    }

    /**
     * This stream for one of {@code count} equal slices of a batch (data parallelism: rank
     * {@code index} of {@code count} holds rows [index·n, (index+1)·n) of a global batch of
     * count·n rows). Per-row draws such as dropout masks then take exactly the words that
     * whole-batch draws give those rows (see {@link #batchSliceIndex()}); other draws are unchanged.
     */
    public Generator forBatchSlice(int index, int count) {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("batch slice " + index + " of " + count + " does not exist");
        }
        return new Generator(seed, position, index, count);
    }

    /** Which slice of the global batch this stream draws for; 0 unless made by {@link #forBatchSlice}. */
    public int batchSliceIndex() {
        return sliceIndex;
    }

    /** Into how many slices the global batch is cut; 1 (the whole batch) unless made by {@link #forBatchSlice}. */
    public int batchSliceCount() {
        return sliceCount;
    }

    /** Passes over {@code words} 32-bit words, as drawing and discarding them would. */
    public void skip(long words) {
        if (words < 0) {
            throw new IllegalArgumentException("cannot skip back " + words + " words");
        }
        position += words;
    }

    public long seed() {
        return seed;
    }

    /** How many 32-bit words have been drawn; with the seed, the complete state. */
    public long position() {
        return position;
    }

    /** A uniformly distributed 32-bit word. */
    public int nextInt() {
        long b = position >>> 2;
        if (b != cachedBlock) {
            philox(b, seed, block);
            cachedBlock = b;
        }
        return block[(int) (position++ & 3)];
    }

    /** Uniform in [0, 1) with 24 random bits, as TF's float uniform. */
    public float nextFloat() {
        return (nextInt() >>> 8) * 0x1.0p-24f;
    }

    /** Uniform in [0, 1) with 53 random bits. */
    public double nextDouble() {
        long hi = Integer.toUnsignedLong(nextInt()) >>> 6;
        long lo = Integer.toUnsignedLong(nextInt()) >>> 5;
        return ((hi << 27) | lo) * 0x1.0p-53;
    }

    /** Standard normal by Box-Muller (one value per call; the second is discarded for a simple state). */
    public double nextGaussian() {
        double u1 = nextDouble();
        double u2 = nextDouble();
        return Math.sqrt(-2.0 * Math.log1p(-u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    /** Standard normal truncated to [-2, 2] by re-drawing, as TF's truncated_normal. */
    public double nextTruncatedGaussian() {
        while (true) {
            double z = nextGaussian();
            if (Math.abs(z) <= 2.0) {
                return z;
            }
        }
    }

    /** Splits off an independent generator (for a worker or a layer) deterministically. */
    public Generator fork() {
        long s = ((long) nextInt() << 32) ^ Integer.toUnsignedLong(nextInt());
        return new Generator(s ^ 0x5DEECE66DL);
    }

    /** Philox4x32-10 of counter (block, 0) under key seed: the block's four words. */
    static void philox(long counter, long key, int[] out) {
        philox((int) counter, (int) (counter >>> 32), 0, 0, (int) key, (int) (key >>> 32), out);
    }

    /**
     * Philox4x32-10 of a full four-word counter under a two-word key (low words first), as Random123
     * defines it, so that all its published known answers can be checked.
     */
    static void philox(int c0, int c1, int c2, int c3, int k0, int k1, int[] out) {
        for (int round = 0; round < 10; round++) {
            long p0 = Integer.toUnsignedLong(M0) * Integer.toUnsignedLong(c0);
            long p1 = Integer.toUnsignedLong(M1) * Integer.toUnsignedLong(c2);
            int n0 = (int) (p1 >>> 32) ^ c1 ^ k0;
            int n2 = (int) (p0 >>> 32) ^ c3 ^ k1;
            c1 = (int) p1;
            c3 = (int) p0;
            c0 = n0;
            c2 = n2;
            k0 += W0;
            k1 += W1;
        }
        out[0] = c0;
        out[1] = c1;
        out[2] = c2;
        out[3] = c3;
    }
}

package dev.imgcls.dist;

/** The one-process job: rank 0 of 1, every operation leaves its buffer as it is. */
public final class SingleProcess implements Collective {
    public static final SingleProcess INSTANCE = new SingleProcess();

    private SingleProcess() {
    }

    @Override
    public int rank() {
        return 0;
    }

    @Override
    public int size() {
        return 1;
    }

    @Override
    public void allReduceSum(float[] data, int offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, data.length);
    }

    @Override
    public void allReduceSum(long[] data) {
    }

    @Override
    public void broadcast(float[] data, int offset, int length, int root) {
        java.util.Objects.checkFromIndexSize(offset, length, data.length);
        checkRoot(root);
    }

    @Override
    public void broadcast(long[] data, int root) {
        checkRoot(root);
    }

    private static void checkRoot(int root) {
        if (root != 0) {
            throw new IllegalArgumentException("root rank " + root + " of a one-process job");
        }
    }

    @Override
    public void barrier() {
    }

    @Override
    public String describe() {
        return "one process";
    }

    @Override
    public void close() {
    }
}

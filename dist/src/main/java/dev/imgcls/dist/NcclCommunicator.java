package dev.imgcls.dist;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * The GPU engine: an NCCL communicator working on device buffers in place on a CUDA stream (one
 * process per GPU). Two ways to meet: over the ranks of an {@link MpiCollective}, where rank 0 makes
 * the unique id and MPI broadcasts it; or without MPI, from the chief's address that TF_CONFIG,
 * CLUSTER_SPEC or MASTER_ADDR give, through {@code NCCL_COMM_ID=<host>:<port>}, with which every
 * rank's ncclGetUniqueId returns the same id and rank 0 listens at that address. Operations are asynchronous on the stream, as
 * NCCL's are: the caller synchronizes the stream before reading the result; a peer that died shows
 * up there or in {@link #checkAsyncError()}, after which {@link #abort()} frees the communicator.
 *
 * <p>Addresses are raw (a CUdeviceptr and a CUstream as longs) so that callers need no JNA types.
 */
public final class NcclCommunicator implements AutoCloseable {
    static final String LIBRARY = "libnccl.so.2";

    private final NcclLibrary nccl;
    private final Pointer comm;
    private final int rank;
    private final int size;
    private boolean closed;

    private NcclCommunicator(NcclLibrary nccl, Pointer comm, int rank, int size) {
        this.nccl = nccl;
        this.comm = comm;
        this.rank = rank;
        this.size = size;
    }

    /** Loads libnccl.so.2; fails naming the library when it is not installed. */
    static NcclLibrary load() {
        try {
            return Native.load(LIBRARY, NcclLibrary.class);
        } catch (UnsatisfiedLinkError e) {
            throw new CollectiveException("cannot load NCCL's " + LIBRARY + " (install NVIDIA's libnccl2 package or put it on"
                    + " LD_LIBRARY_PATH): " + e.getMessage(), e);
        }
    }

    /**
     * Creates the communicator of all MPI ranks. The calling thread must have this rank's CUDA device
     * current (NCCL binds the communicator to it).
     */
    public static NcclCommunicator open(MpiCollective mpi) {
        NcclLibrary nccl = load();
        NcclLibrary.UniqueId id = new NcclLibrary.UniqueId();
        if (mpi.rank() == 0) {
            check(nccl, nccl.ncclGetUniqueId(id), "ncclGetUniqueId");
            id.read();
        }
        byte[] bytes = id.internal.clone();
        mpi.broadcast(bytes, 0);
        NcclLibrary.UniqueId.ByValue byValue = new NcclLibrary.UniqueId.ByValue();
        byValue.internal = bytes;
        byValue.write();
        PointerByReference comm = new PointerByReference();
        check(nccl, nccl.ncclCommInitRank(comm, mpi.size(), byValue, mpi.rank()), "ncclCommInitRank");
        return new NcclCommunicator(nccl, comm.getValue(), mpi.rank(), mpi.size());
    }

    /**
     * Creates the communicator of {@code size} ranks meeting at {@code chief} ("host:port", reachable
     * from every rank; rank 0 listens there). The calling thread must have this rank's CUDA device current.
     */
    public static NcclCommunicator open(int rank, int size, String chief) {
        if (rank < 0 || rank >= size) {
            throw new IllegalArgumentException("rank " + rank + " of " + size);
        }
        if (chief == null || chief.lastIndexOf(':') <= 0) {
            throw new IllegalArgumentException("the chief's address must be host:port, got " + chief);
        }
        if (LibC.INSTANCE.setenv("NCCL_COMM_ID", chief, 1) != 0) {
            throw new CollectiveException("setenv NCCL_COMM_ID=" + chief + " failed");
        }
        NcclLibrary nccl = load();
        NcclLibrary.UniqueId id = new NcclLibrary.UniqueId();
        check(nccl, nccl.ncclGetUniqueId(id), "ncclGetUniqueId (NCCL_COMM_ID=" + chief + ")");
        id.read();
        NcclLibrary.UniqueId.ByValue byValue = new NcclLibrary.UniqueId.ByValue();
        byValue.internal = id.internal.clone();
        byValue.write();
        PointerByReference comm = new PointerByReference();
        check(nccl, nccl.ncclCommInitRank(comm, size, byValue, rank), "ncclCommInitRank (rank " + rank + " of " + size + " at " + chief + ")");
        return new NcclCommunicator(nccl, comm.getValue(), rank, size);
    }

    public int rank() {
        return rank;
    }

    public int size() {
        return size;
    }

    /** Sums {@code count} floats at device address {@code buffer} over all ranks, in place, on {@code stream}. */
    public void allReduceSumFloat(long buffer, long count, long stream) {
        Pointer p = new Pointer(buffer);
        check(nccl, nccl.ncclAllReduce(p, p, count, NcclLibrary.NCCL_FLOAT32, NcclLibrary.NCCL_SUM, comm, new Pointer(stream)), "ncclAllReduce");
    }

    /** Copies {@code count} floats at {@code buffer} on rank {@code root} to the same address range of every rank. */
    public void broadcastFloat(long buffer, long count, int root, long stream) {
        if (root < 0 || root >= size) {
            throw new IllegalArgumentException("root rank " + root + " outside 0.." + (size - 1));
        }
        Pointer p = new Pointer(buffer);
        check(nccl, nccl.ncclBroadcast(p, p, count, NcclLibrary.NCCL_FLOAT32, root, comm, new Pointer(stream)), "ncclBroadcast");
    }

    /** Throws if NCCL recorded an error on this communicator, e.g. a peer's connection dropped. */
    public void checkAsyncError() {
        IntByReference err = new IntByReference();
        check(nccl, nccl.ncclCommGetAsyncError(comm, err), "ncclCommGetAsyncError");
        check(nccl, err.getValue(), "NCCL communicator (asynchronous error)");
    }

    /** Frees the communicator without waiting for the other ranks (after a fault). */
    public synchronized void abort() {
        if (!closed) {
            closed = true;
            check(nccl, nccl.ncclCommAbort(comm), "ncclCommAbort");
        }
    }

    public String describe() {
        return "NCCL " + version(nccl) + ", rank " + rank + " of " + size;
    }

    /** "2.21.5" from ncclGetVersion's code (X*10000 + Y*100 + Z from 2.9 on, X*1000 + Y*100 + Z before). */
    static String version(NcclLibrary nccl) {
        IntByReference v = new IntByReference();
        check(nccl, nccl.ncclGetVersion(v), "ncclGetVersion");
        return decodeVersion(v.getValue());
    }

    static String decodeVersion(int code) {
        if (code >= 20900) {
            return code / 10000 + "." + code / 100 % 100 + "." + code % 100;
        }
        return code / 1000 + "." + code / 100 % 10 + "." + code % 100;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            check(nccl, nccl.ncclCommDestroy(comm), "ncclCommDestroy");
        }
    }

    private static void check(NcclLibrary nccl, int result, String call) {
        if (result != 0) {
            throw new CollectiveException(call + " failed with NCCL error " + result + ": " + nccl.ncclGetErrorString(result));
        }
    }
}

package dev.imgcls.dist;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

import com.sun.jna.Memory;
import com.sun.jna.ptr.IntByReference;

/**
 * The CPU engine: MPI_COMM_WORLD of Open MPI, through its C API. Host arrays are staged through one
 * native buffer of {@code chunkElements} elements, so a buffer of any length goes over in chunks whose
 * MPI counts stay within a C int.
 *
 * <p>Threads: MPI_THREAD_SERIALIZED. The trainer may call from a thread other than the one that opened
 * the engine, which FUNNELED forbids, but never from two at once: every operation here is
 * synchronized, which is exactly SERIALIZED's rule, and MULTIPLE would cost locking inside Open MPI
 * for nothing.
 *
 * <p>Faults: errors come back as codes (MPI_ERRORS_RETURN) and become {@link CollectiveException}s
 * named after the call. A rank that dies makes mpirun (ORTE) kill the other ranks of the job and exit
 * non-zero. A rank that lives but stops calling is caught by the {@link Watchdog}: after the timeout the
 * waiting ranks print the {@link CollectiveTimeoutException} as one "error: …" line and exit with status 124, and mpirun ends
 * the job.
 */
public final class MpiCollective implements Collective {
    private final OpenMpi mpi;
    private final int rank;
    private final int size;
    private final int chunkElements;
    private final String source;
    private final Watchdog watchdog;
    private Memory staging;
    private boolean closed;
    /** An operation failed: the communicator is unusable and MPI_Finalize could wait for dead peers. */
    private boolean failed;

    private MpiCollective(OpenMpi mpi, int rank, int size, int chunkElements, String source, Watchdog watchdog) {
        this.mpi = mpi;
        this.rank = rank;
        this.size = size;
        this.chunkElements = chunkElements;
        this.source = source;
        this.watchdog = watchdog;
    }

    /**
     * Initializes MPI in this process (once; the engine cannot be reopened after {@link #close()}).
     *
     * @param source where the launcher's rank came from, for {@link #describe()}, e.g. "from mpirun's …"
     * @param timeout the longest one operation may wait for the other ranks
     * @param chunkElements elements per MPI call; tests inject small values to exercise the chunking
     */
    public static MpiCollective open(String source, Duration timeout, int chunkElements) {
        return open(source, timeout, chunkElements, Watchdog::printAndHalt);
    }

    static MpiCollective open(String source, Duration timeout, int chunkElements, Consumer<CollectiveTimeoutException> onTimeout) {
        if (chunkElements <= 0) {
            throw new IllegalArgumentException("chunk elements must be positive, got " + chunkElements);
        }
        OpenMpi mpi = OpenMpi.load();
        IntByReference flag = new IntByReference();
        check(mpi, mpi.api.MPI_Initialized(flag), "MPI_Initialized");
        if (flag.getValue() != 0) {
            throw new CollectiveException("MPI is already initialized in this process: open the MPI engine once per job");
        }
        IntByReference provided = new IntByReference();
        check(mpi, mpi.api.MPI_Init_thread(null, null, OpenMpi.MPI_THREAD_SERIALIZED, provided), "MPI_Init_thread");
        if (provided.getValue() < OpenMpi.MPI_THREAD_SERIALIZED) {
            mpi.api.MPI_Finalize();
            throw new CollectiveException("Open MPI gives thread level " + provided.getValue() + ", the engine needs MPI_THREAD_SERIALIZED (2)");
        }
        check(mpi, mpi.api.MPI_Comm_set_errhandler(mpi.commWorld, mpi.errorsReturn), "MPI_Comm_set_errhandler");
        IntByReference r = new IntByReference();
        IntByReference n = new IntByReference();
        check(mpi, mpi.api.MPI_Comm_rank(mpi.commWorld, r), "MPI_Comm_rank");
        check(mpi, mpi.api.MPI_Comm_size(mpi.commWorld, n), "MPI_Comm_size");
        return new MpiCollective(mpi, r.getValue(), n.getValue(), chunkElements, source, new Watchdog(timeout, onTimeout));
    }

    @Override
    public int rank() {
        return rank;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public synchronized void allReduceSum(float[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        run("MPI_Allreduce of " + length + " floats", () -> Chunks.forEach(offset, length, chunkElements, (off, len) -> {
            Memory buf = staging(len, Float.BYTES);
            buf.write(0, data, off, len);
            check(mpi, mpi.api.MPI_Allreduce(OpenMpi.MPI_IN_PLACE, buf, len, mpi.floatType, mpi.opSum, mpi.commWorld), "MPI_Allreduce");
            buf.read(0, data, off, len);
        }));
    }

    @Override
    public synchronized void allReduceSum(long[] data) {
        run("MPI_Allreduce of " + data.length + " int64s", () -> Chunks.forEach(0, data.length, chunkElements, (off, len) -> {
            Memory buf = staging(len, Long.BYTES);
            buf.write(0, data, off, len);
            check(mpi, mpi.api.MPI_Allreduce(OpenMpi.MPI_IN_PLACE, buf, len, mpi.int64Type, mpi.opSum, mpi.commWorld), "MPI_Allreduce");
            buf.read(0, data, off, len);
        }));
    }

    @Override
    public synchronized void broadcast(float[] data, int offset, int length, int root) {
        Objects.checkFromIndexSize(offset, length, data.length);
        checkRoot(root);
        run("MPI_Bcast of " + length + " floats from rank " + root, () -> Chunks.forEach(offset, length, chunkElements, (off, len) -> {
            Memory buf = staging(len, Float.BYTES);
            if (rank == root) {
                buf.write(0, data, off, len);
            }
            check(mpi, mpi.api.MPI_Bcast(buf, len, mpi.floatType, root, mpi.commWorld), "MPI_Bcast");
            buf.read(0, data, off, len);
        }));
    }

    @Override
    public synchronized void broadcast(long[] data, int root) {
        checkRoot(root);
        run("MPI_Bcast of " + data.length + " int64s from rank " + root, () -> Chunks.forEach(0, data.length, chunkElements, (off, len) -> {
            Memory buf = staging(len, Long.BYTES);
            if (rank == root) {
                buf.write(0, data, off, len);
            }
            check(mpi, mpi.api.MPI_Bcast(buf, len, mpi.int64Type, root, mpi.commWorld), "MPI_Bcast");
            buf.read(0, data, off, len);
        }));
    }

    /** Copies {@code data} of rank {@code root} to every rank (NCCL's unique id travels this way). */
    public synchronized void broadcast(byte[] data, int root) {
        checkRoot(root);
        run("MPI_Bcast of " + data.length + " bytes from rank " + root, () -> Chunks.forEach(0, data.length, chunkElements, (off, len) -> {
            Memory buf = staging(len, Byte.BYTES);
            if (rank == root) {
                buf.write(0, data, off, len);
            }
            check(mpi, mpi.api.MPI_Bcast(buf, len, mpi.byteType, root, mpi.commWorld), "MPI_Bcast");
            buf.read(0, data, off, len);
        }));
    }

    @Override
    public synchronized void barrier() {
        run("MPI_Barrier", () -> check(mpi, mpi.api.MPI_Barrier(mpi.commWorld), "MPI_Barrier"));
    }

    /** Not synchronized: the operation it names holds the lock while it waits. */
    @Override
    public String pendingOperation() {
        return watchdog.pending();
    }

    @Override
    public String describe() {
        return "Open MPI engine, rank " + rank + " of " + size + " " + source + ", " + libraryVersion(mpi);
    }

    /** The first line of MPI_Get_library_version, e.g. "Open MPI v4.1.4, package: Debian OpenMPI, …". */
    static String libraryVersion(OpenMpi mpi) {
        byte[] text = new byte[OpenMpi.MAX_STRING];
        IntByReference len = new IntByReference();
        check(mpi, mpi.api.MPI_Get_library_version(text, len), "MPI_Get_library_version");
        String s = new String(text, 0, Math.min(len.getValue(), text.length), StandardCharsets.US_ASCII).trim();
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (failed) {
            // Leave without MPI_Finalize: the process exits with the error, and mpirun ends the other ranks.
            watchdog.close();
            return;
        }
        try {
            run("MPI_Finalize", () -> check(mpi, mpi.api.MPI_Finalize(), "MPI_Finalize"));
        } finally {
            watchdog.close();
        }
    }

    private void run(String op, Runnable call) {
        if (closed && !op.equals("MPI_Finalize")) {
            throw new CollectiveException(op + " after close()");
        }
        watchdog.arm(op + " on rank " + rank + " of " + size);
        try {
            call.run();
        } catch (CollectiveException e) {
            failed = true;
            throw e;
        } finally {
            watchdog.disarm();
        }
    }

    /** The native buffer, grown to the largest chunk seen (at most chunkElements × 8 bytes). */
    private Memory staging(int elements, int elementBytes) {
        long bytes = Math.max(1L, (long) elements * elementBytes);
        if (staging == null || staging.size() < bytes) {
            staging = new Memory(bytes);
        }
        return staging;
    }

    private void checkRoot(int root) {
        if (root < 0 || root >= size) {
            throw new IllegalArgumentException("root rank " + root + " outside 0.." + (size - 1));
        }
    }

    private static void check(OpenMpi mpi, int code, String call) {
        if (code != 0) {
            byte[] text = new byte[OpenMpi.MAX_STRING];
            IntByReference len = new IntByReference();
            String message = mpi.api.MPI_Error_string(code, text, len) == 0
                    ? new String(text, 0, Math.min(len.getValue(), text.length), StandardCharsets.US_ASCII) : "unknown error";
            throw new CollectiveException(call + " failed with MPI error " + code + ": " + message);
        }
    }
}

package dev.imgcls.dist;

import java.time.Duration;

/** Opens the engine that fits how the job was launched. */
public final class Collectives {
    private Collectives() {
    }

    /**
     * Engine settings.
     *
     * @param timeout the longest one collective operation waits for the other ranks (--collective_timeout_s)
     * @param chunkElements elements per native call; large gradients go over in pieces of this size
     */
    public record Options(Duration timeout, int chunkElements) {
        public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(600);
        /** 4 Mi elements: 16 MiB of floats per MPI call, large enough to reach the network's bandwidth. */
        public static final int DEFAULT_CHUNK_ELEMENTS = 1 << 22;

        public Options {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("--collective_timeout_s must be positive, got " + timeout.toSeconds());
            }
            if (chunkElements <= 0) {
                throw new IllegalArgumentException("chunk elements must be positive, got " + chunkElements);
            }
        }

        public static Options defaults() {
            return new Options(DEFAULT_TIMEOUT, DEFAULT_CHUNK_ELEMENTS);
        }
    }

    /**
     * One process: {@link SingleProcess}. Launched by mpirun: {@link MpiCollective}. Several ranks
     * announced by TF_CONFIG, CLUSTER_SPEC or MASTER_ADDR/WORLD_SIZE without mpirun: refused, since
     * the ranks have no engine to meet through yet.
     *
     * @throws IllegalArgumentException for a parameter-server or evaluator task (not a training rank)
     */
    public static Collective open(RankDiscovery.Result where, Options options) {
        if (where.role() != RankDiscovery.Role.TRAIN) {
            throw new IllegalArgumentException("not a training rank: " + where.describe());
        }
        if (where.size() == 1) {
            return SingleProcess.INSTANCE;
        }
        if (where.source() == RankDiscovery.Source.MPIRUN) {
            MpiCollective mpi = MpiCollective.open("from " + where.source().text(), options.timeout(), options.chunkElements());
            if (mpi.rank() != where.rank() || mpi.size() != where.size()) {
                int rank = mpi.rank();
                int size = mpi.size();
                mpi.close();
                throw new CollectiveException("MPI_COMM_WORLD says rank " + rank + " of " + size + " but the launcher said " + where.describe());
            }
            return mpi;
        }
        throw new CollectiveException(where.describe() + ", but ranks meet only through Open MPI here: launch the "
                + where.size() + " processes with mpirun (e.g. a Kubernetes MPIJob, or mpirun -np N --host ... bin/imgcls train ...),"
                + " or use NCCL on GPU machines");
    }
}

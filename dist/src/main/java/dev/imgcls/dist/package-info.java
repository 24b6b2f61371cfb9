/**
 * Collective communication for synchronous data-parallel training: the ranks of one job, and
 * all-reduce, broadcast and barrier between them.
 *
 * <p><b>Contract.</b> {@link dev.imgcls.dist.Collective}: every rank calls every operation in the
 * same order with buffers of the same length; rank 0 is the chief. {@link dev.imgcls.dist.RankDiscovery}
 * reads the launcher's variables (mpirun, TF_CONFIG, Vertex AI's CLUSTER_SPEC, PyTorch-style
 * MASTER_ADDR/WORLD_SIZE/RANK) and says in one line which gave which rank;
 * {@link dev.imgcls.dist.Collectives#open} picks the engine.
 *
 * <p><b>Engines.</b> {@link dev.imgcls.dist.SingleProcess} (one rank, no-ops);
 * {@link dev.imgcls.dist.MpiCollective}, Open MPI's C API (libmpi.so.40, Debian's openmpi-bin)
 * through JNA, for host buffers; {@link dev.imgcls.dist.NcclCommunicator}, NCCL (libnccl.so.2)
 * through JNA, for device buffers on a CUDA stream, bootstrapped by broadcasting its unique id over
 * MPI or, without MPI, through NCCL_COMM_ID set to the chief's address from TF_CONFIG, CLUSTER_SPEC
 * or MASTER_ADDR (written, not run here: no GPU). Several host-buffer ranks announced without mpirun (TF_CONFIG, CLUSTER_SPEC, MASTER_ADDR) are refused with
 * the way to launch them: there is no rendezvous of our own.
 *
 * <p><b>Faults.</b> No rank waits forever. A rank that dies (crash, SIGKILL, OOM killer) is noticed
 * by mpirun, which kills the job's other ranks and exits non-zero. A rank that lives but stops
 * calling leaves the others blocked in native code, which Java cannot interrupt: a watchdog thread
 * prints {@link dev.imgcls.dist.CollectiveTimeoutException} with the operation, rank and timeout
 * (--collective_timeout_s, default 600 s) and exits with status 124, and mpirun then ends the job.
 * MPI errors come back as codes and become {@link dev.imgcls.dist.CollectiveException}s naming the
 * call; after one, close() skips MPI_Finalize (which could wait for dead peers), the process exits
 * with the error and mpirun ends the rest. Recovery is the trainer's: restart from the last complete checkpoint, on any rank count.
 *
 * <p><b>Tests.</b> Pure Java: RankDiscoveryTest (the services' documented TF_CONFIG/CLUSTER_SPEC),
 * ChunksTest, WatchdogTest, JsonTest, CollectivesTest. NativeAbiTest checks both JNA bindings against
 * the mpi.h/nccl.h prototypes and, where installed, the libraries' symbols (NCCL skips here: no
 * library). MpiCollectiveTest launches real jobs with mpirun (MpiProbeMain as 2–3 JVMs over loopback
 * TCP): the operations' results, a SIGKILLed rank, a hung rank; it skips where mpirun is absent.
 */
package dev.imgcls.dist;

package dev.imgcls.dist;

import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;

/**
 * The part of Open MPI's C API (mpi.h, MPI 3.1) the collectives call, bound by JNA. In Open MPI every
 * handle type (MPI_Comm, MPI_Datatype, MPI_Op, MPI_Errhandler) is a pointer to a global struct, so
 * handles are {@link Pointer}s; {@link OpenMpi} finds the predefined ones. Every function returns an
 * MPI error code, 0 being MPI_SUCCESS.
 */
public interface MpiLibrary extends Library {
    int MPI_Init_thread(IntByReference argc, Pointer argv, int required, IntByReference provided);

    int MPI_Initialized(IntByReference flag);

    int MPI_Finalized(IntByReference flag);

    int MPI_Comm_rank(Pointer comm, IntByReference rank);

    int MPI_Comm_size(Pointer comm, IntByReference size);

    int MPI_Comm_set_errhandler(Pointer comm, Pointer errhandler);

    int MPI_Allreduce(Pointer sendbuf, Pointer recvbuf, int count, Pointer datatype, Pointer op, Pointer comm);

    int MPI_Bcast(Pointer buffer, int count, Pointer datatype, int root, Pointer comm);

    int MPI_Barrier(Pointer comm);

    int MPI_Finalize();

    int MPI_Abort(Pointer comm, int errorcode);

    int MPI_Get_library_version(byte[] version, IntByReference resultlen);

    int MPI_Error_string(int errorcode, byte[] string, IntByReference resultlen);
}

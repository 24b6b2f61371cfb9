package dev.imgcls.dist;

import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * The part of NCCL's C API (nccl.h, NCCL 2.x) the GPU engine calls, bound by JNA. Types as nccl.h
 * declares them on LP64 Linux: {@code ncclResult_t}, {@code ncclDataType_t}, {@code ncclRedOp_t} are
 * enums (int); {@code ncclComm_t} and {@code cudaStream_t} are opaque pointers; {@code size_t} is 64
 * bits; {@code ncclUniqueId} is a 128-byte struct passed by value to ncclCommInitRank. NcclAbiTest
 * holds the prototypes and checks this interface against them.
 */
public interface NcclLibrary extends Library {
    /** nccl.h: ncclFloat32 and ncclInt64 of ncclDataType_t, ncclSum of ncclRedOp_t. */
    int NCCL_FLOAT32 = 7;
    int NCCL_INT64 = 4;
    int NCCL_SUM = 0;
    /** NCCL_UNIQUE_ID_BYTES. */
    int UNIQUE_ID_BYTES = 128;

    /** {@code typedef struct { char internal[NCCL_UNIQUE_ID_BYTES]; } ncclUniqueId;} */
    @Structure.FieldOrder("internal")
    class UniqueId extends Structure {
        public byte[] internal = new byte[UNIQUE_ID_BYTES];

        /** The same struct passed by value. */
        public static class ByValue extends UniqueId implements Structure.ByValue {
        }
    }

    int ncclGetVersion(IntByReference version);

    int ncclGetUniqueId(UniqueId uniqueId);

    int ncclCommInitRank(PointerByReference comm, int nranks, UniqueId.ByValue commId, int rank);

    int ncclAllReduce(Pointer sendbuff, Pointer recvbuff, long count, int datatype, int op, Pointer comm, Pointer stream);

    int ncclBroadcast(Pointer sendbuff, Pointer recvbuff, long count, int datatype, int root, Pointer comm, Pointer stream);

    int ncclCommGetAsyncError(Pointer comm, IntByReference asyncError);

    int ncclCommAbort(Pointer comm);

    int ncclCommDestroy(Pointer comm);

    String ncclGetErrorString(int result);
}

package dev.imgcls.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import org.junit.jupiter.api.Test;

/**
 * The JNA interfaces against the C prototypes they bind: every method's Java signature must be what
 * JNA needs for the documented prototype (nccl.h of NCCL 2.x, mpi.h of Open MPI 4.x), and where the
 * library is installed every name must resolve in it (dlsym), the way JcudaNativeSymbolsTest checks
 * JCuda's entry points. No GPU is needed: NCCL's symbols are checked when libnccl.so.2 is present and
 * the check is skipped with the reason otherwise.
 */
class NativeAbiTest {
    /** nccl.h prototypes of the functions NcclLibrary binds. */
    static final List<String> NCCL_H = List.of(
            "ncclResult_t ncclGetVersion(int* version)",
            "ncclResult_t ncclGetUniqueId(ncclUniqueId* uniqueId)",
            "ncclResult_t ncclCommInitRank(ncclComm_t* comm, int nranks, ncclUniqueId commId, int rank)",
            "ncclResult_t ncclAllReduce(const void* sendbuff, void* recvbuff, size_t count, ncclDataType_t datatype, ncclRedOp_t op,"
                    + " ncclComm_t comm, cudaStream_t stream)",
            "ncclResult_t ncclBroadcast(const void* sendbuff, void* recvbuff, size_t count, ncclDataType_t datatype, int root,"
                    + " ncclComm_t comm, cudaStream_t stream)",
            "ncclResult_t ncclCommGetAsyncError(ncclComm_t comm, ncclResult_t* asyncError)",
            "ncclResult_t ncclCommAbort(ncclComm_t comm)",
            "ncclResult_t ncclCommDestroy(ncclComm_t comm)",
            "const char* ncclGetErrorString(ncclResult_t result)");

    /** mpi.h (Open MPI 4.1) prototypes of the functions MpiLibrary binds. */
    static final List<String> MPI_H = List.of(
            "int MPI_Init_thread(int* argc, char*** argv, int required, int* provided)",
            "int MPI_Initialized(int* flag)",
            "int MPI_Finalized(int* flag)",
            "int MPI_Comm_rank(MPI_Comm comm, int* rank)",
            "int MPI_Comm_size(MPI_Comm comm, int* size)",
            "int MPI_Comm_set_errhandler(MPI_Comm comm, MPI_Errhandler errhandler)",
            "int MPI_Allreduce(const void* sendbuf, void* recvbuf, int count, MPI_Datatype datatype, MPI_Op op, MPI_Comm comm)",
            "int MPI_Bcast(void* buffer, int count, MPI_Datatype datatype, int root, MPI_Comm comm)",
            "int MPI_Barrier(MPI_Comm comm)",
            "int MPI_Finalize(void)",
            "int MPI_Abort(MPI_Comm comm, int errorcode)",
            "int MPI_Get_library_version(char* version, int* resultlen)",
            "int MPI_Error_string(int errorcode, char* string, int* resultlen)");

    /** The JNA type each C type maps to (LP64 Linux; Open MPI's handles and NCCL's comm/stream are pointers). */
    static final Map<String, Class<?>> C_TO_JNA = Map.ofEntries(
            Map.entry("int", int.class), Map.entry("ncclResult_t", int.class), Map.entry("ncclDataType_t", int.class),
            Map.entry("ncclRedOp_t", int.class), Map.entry("size_t", long.class),
            Map.entry("int*", IntByReference.class), Map.entry("ncclResult_t*", IntByReference.class),
            Map.entry("void*", Pointer.class), Map.entry("const void*", Pointer.class), Map.entry("char***", Pointer.class),
            Map.entry("ncclComm_t", Pointer.class), Map.entry("cudaStream_t", Pointer.class), Map.entry("MPI_Comm", Pointer.class),
            Map.entry("MPI_Datatype", Pointer.class), Map.entry("MPI_Op", Pointer.class), Map.entry("MPI_Errhandler", Pointer.class),
            Map.entry("ncclComm_t*", PointerByReference.class), Map.entry("ncclUniqueId*", NcclLibrary.UniqueId.class),
            Map.entry("ncclUniqueId", NcclLibrary.UniqueId.ByValue.class), Map.entry("char*", byte[].class),
            Map.entry("const char*", String.class));

    @Test
    void ncclBindingMatchesNcclH() {
        assertEquals(signatures(NCCL_H), signatures(NcclLibrary.class));
    }

    @Test
    void mpiBindingMatchesMpiH() {
        assertEquals(signatures(MPI_H), signatures(MpiLibrary.class));
    }

    @Test
    void everyNcclFunctionResolvesInLibnccl() {
        NativeLibrary lib;
        try {
            lib = NativeLibrary.getInstance(NcclCommunicator.LIBRARY);
        } catch (UnsatisfiedLinkError e) {
            assumeTrue(false, NcclCommunicator.LIBRARY + " is not installed here (no NVIDIA NCCL package): symbol check skipped");
            return;
        }
        for (String name : signatures(NCCL_H).keySet()) {
            assertNotNull(lib.getFunction(name), name);
        }
        String version = NcclCommunicator.version(NcclCommunicator.load());
        assertTrue(version.startsWith("2."), "NCCL " + version);
    }

    @Test
    void everyMpiFunctionAndHandleResolvesInLibmpi() {
        NativeLibrary lib;
        try {
            lib = NativeLibrary.getInstance(OpenMpi.LIBRARY);
        } catch (UnsatisfiedLinkError e) {
            assumeTrue(false, OpenMpi.LIBRARY + " is not installed here (Debian: apt-get install openmpi-bin)");
            return;
        }
        for (String name : signatures(MPI_H).keySet()) {
            assertNotNull(lib.getFunction(name), name);
        }
        for (String handle : List.of("ompi_mpi_comm_world", "ompi_mpi_float", "ompi_mpi_int64_t", "ompi_mpi_byte", "ompi_mpi_op_sum",
                "ompi_mpi_errors_return")) {
            assertNotNull(lib.getGlobalVariableAddress(handle), handle);
        }
    }

    @Test
    void libcBindingMatchesStdlibH() {
        assertEquals(signatures(List.of("int setenv(const char* name, const char* value, int overwrite)")), signatures(LibC.class));
        // Reaches native getenv: NCCL reads NCCL_COMM_ID that way.
        assertEquals(0, LibC.INSTANCE.setenv("IMGCLS_NATIVE_ABI_TEST", "x", 1));
        assertEquals("x", NativeLibrary.getInstance("c").getFunction("getenv").invokeString(new Object[] {"IMGCLS_NATIVE_ABI_TEST"}, false));
    }

    @Test
    void ncclVersionCodesDecode() {
        assertEquals("2.21.5", NcclCommunicator.decodeVersion(22105));
        assertEquals("2.8.4", NcclCommunicator.decodeVersion(2804));
    }

    /** name → "return(param, …)" in JNA types, from C prototypes. */
    static Map<String, String> signatures(List<String> prototypes) {
        Map<String, String> out = new TreeMap<>();
        for (String proto : prototypes) {
            int open = proto.indexOf('(');
            String head = proto.substring(0, open).trim();
            int space = head.lastIndexOf(' ');
            String name = head.substring(space + 1);
            List<String> params = new ArrayList<>();
            String args = proto.substring(open + 1, proto.lastIndexOf(')')).trim();
            if (!args.equals("void")) {
                for (String arg : args.split(",")) {
                    String a = arg.trim();
                    params.add(jna(a.substring(0, a.lastIndexOf(' ')).trim(), proto));
                }
            }
            out.put(name, jna(head.substring(0, space).trim(), proto) + "(" + String.join(", ", params) + ")");
        }
        return out;
    }

    static Map<String, String> signatures(Class<?> binding) {
        Map<String, String> out = new TreeMap<>();
        for (Method m : binding.getDeclaredMethods()) {
            List<String> params = new ArrayList<>();
            for (Class<?> p : m.getParameterTypes()) {
                params.add(p.getName());
            }
            out.put(m.getName(), m.getReturnType().getName() + "(" + String.join(", ", params) + ")");
        }
        return out;
    }

    private static String jna(String cType, String proto) {
        Class<?> c = C_TO_JNA.get(cType);
        assertNotNull(c, "no JNA mapping for C type " + cType + " in " + proto);
        return c.getName();
    }
}

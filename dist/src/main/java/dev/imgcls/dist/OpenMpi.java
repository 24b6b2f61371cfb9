package dev.imgcls.dist;

import java.util.Map;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * Open MPI's library, loaded once per process, and its predefined handles. Loaded with RTLD_GLOBAL:
 * Open MPI's plugins (mca_*.so, dlopened at MPI_Init) resolve symbols of libmpi/libopen-pal through
 * the global namespace and fail to load without it. The predefined handles of mpi.h are addresses of
 * global symbols in Open MPI ({@code #define MPI_COMM_WORLD OMPI_PREDEFINED_GLOBAL(MPI_Comm,
 * ompi_mpi_comm_world)}), not integer constants as in MPICH, so this binding is Open MPI's ABI only.
 */
final class OpenMpi {
    static final String LIBRARY = "libmpi.so.40";
    private static final int RTLD_NOW = 0x2;
    private static final int RTLD_GLOBAL = 0x100;

    /** mpi.h of Open MPI: MPI_THREAD_SINGLE 0, FUNNELED 1, SERIALIZED 2, MULTIPLE 3. */
    static final int MPI_THREAD_SERIALIZED = 2;
    /** Open MPI's {@code #define MPI_IN_PLACE ((void *) 1)}. */
    static final Pointer MPI_IN_PLACE = new Pointer(1);
    /** Open MPI's MPI_MAX_LIBRARY_VERSION_STRING and MPI_MAX_ERROR_STRING. */
    static final int MAX_STRING = 256;

    final MpiLibrary api;
    final Pointer commWorld;
    final Pointer floatType;
    final Pointer int64Type;
    final Pointer byteType;
    final Pointer opSum;
    final Pointer errorsReturn;

    private OpenMpi(NativeLibrary lib, MpiLibrary api) {
        this.api = api;
        this.commWorld = lib.getGlobalVariableAddress("ompi_mpi_comm_world");
        this.floatType = lib.getGlobalVariableAddress("ompi_mpi_float");
        this.int64Type = lib.getGlobalVariableAddress("ompi_mpi_int64_t");
        this.byteType = lib.getGlobalVariableAddress("ompi_mpi_byte");
        this.opSum = lib.getGlobalVariableAddress("ompi_mpi_op_sum");
        this.errorsReturn = lib.getGlobalVariableAddress("ompi_mpi_errors_return");
    }

    private static OpenMpi instance;

    /** The library, loaded on first use; fails with the package to install when it is absent. */
    static synchronized OpenMpi load() {
        if (instance == null) {
            Map<String, Object> options = Map.of(Library.OPTION_OPEN_FLAGS, RTLD_NOW | RTLD_GLOBAL);
            try {
                NativeLibrary lib = NativeLibrary.getInstance(LIBRARY, options);
                instance = new OpenMpi(lib, Native.load(LIBRARY, MpiLibrary.class, options));
            } catch (UnsatisfiedLinkError e) {
                throw new CollectiveException("cannot load Open MPI's " + LIBRARY + " (Debian/Ubuntu: apt-get install openmpi-bin, which"
                        + " brings libopenmpi3): " + e.getMessage(), e);
            }
        }
        return instance;
    }
}

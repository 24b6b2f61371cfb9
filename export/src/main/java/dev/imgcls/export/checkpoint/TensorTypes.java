package dev.imgcls.export.checkpoint;

import dev.imgcls.export.proto.DataType;
import dev.imgcls.tensor.DType;

/** How TensorFlow's dtypes map to ours and how many bytes an element takes in a data file. */
final class TensorTypes {

    private TensorTypes() {}

    static DataType of(DType dtype) {
        return switch (dtype) {
            case FLOAT32 -> DataType.DT_FLOAT;
            case FLOAT64 -> DataType.DT_DOUBLE;
            case INT32 -> DataType.DT_INT32;
            case INT64 -> DataType.DT_INT64;
            case UINT8 -> DataType.DT_UINT8;
        };
    }

    /**
     * The engine dtype a stored dtype is read as: the same type where the engine has it, and a
     * type holding every value exactly otherwise (bool as UINT8 0/1, half and bfloat16 as FLOAT32);
     * null for dtypes that cannot be read into a tensor.
     */
    static DType readAs(DataType dtype) {
        return switch (dtype) {
            case DT_FLOAT, DT_HALF, DT_BFLOAT16 -> DType.FLOAT32;
            case DT_DOUBLE -> DType.FLOAT64;
            case DT_INT32 -> DType.INT32;
            case DT_INT64 -> DType.INT64;
            case DT_UINT8, DT_BOOL -> DType.UINT8;
            default -> null;
        };
    }

    /** Bytes per element of a fixed-size dtype as TF stores it, or 0 when it has no fixed size. */
    static int elementSize(DataType dtype) {
        return switch (dtype) {
            case DT_FLOAT, DT_INT32, DT_QINT32, DT_UINT32 -> 4;
            case DT_DOUBLE, DT_INT64, DT_COMPLEX64, DT_UINT64 -> 8;
            case DT_UINT8, DT_INT8, DT_BOOL, DT_QINT8, DT_QUINT8, DT_FLOAT8_E5M2, DT_FLOAT8_E4M3FN -> 1;
            case DT_INT16, DT_UINT16, DT_HALF, DT_BFLOAT16, DT_QINT16, DT_QUINT16 -> 2;
            case DT_COMPLEX128 -> 16;
            default -> 0;
        };
    }

    /** TF's own spelling, as inspect_checkpoint prints it ({@code DT_FLOAT}). */
    static String name(DataType dtype) {
        return dtype == DataType.UNRECOGNIZED ? "DT_<unknown>" : dtype.name();
    }
}

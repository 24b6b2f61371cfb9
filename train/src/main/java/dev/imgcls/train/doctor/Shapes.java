package dev.imgcls.train.doctor;

import dev.imgcls.tensor.DType;

/** Short forms of shapes and dtypes for case names: "[3,7,11,5]", "i32". */
final class Shapes {
    private Shapes() {
    }

    static String compact(int[] dims) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < dims.length; i++) {
            b.append(i == 0 ? "" : ",").append(dims[i]);
        }
        return b.append(']').toString();
    }

    static String dtypeName(DType t) {
        return switch (t) {
            case FLOAT32 -> "f32";
            case FLOAT64 -> "f64";
            case INT32 -> "i32";
            case INT64 -> "i64";
            case UINT8 -> "u8";
        };
    }
}

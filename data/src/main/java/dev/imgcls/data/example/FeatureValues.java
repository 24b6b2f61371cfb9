package dev.imgcls.data.example;

import com.google.protobuf.ByteString;
import dev.imgcls.data.proto.BytesList;
import dev.imgcls.data.proto.Feature;
import dev.imgcls.data.proto.FloatList;
import dev.imgcls.data.proto.Int64List;

import java.nio.charset.StandardCharsets;

/** Short constructors for tf.Example feature values. */
public final class FeatureValues {

    private FeatureValues() {}

    public static Feature bytes(byte[]... values) {
        BytesList.Builder list = BytesList.newBuilder();
        for (byte[] v : values) {
            list.addValue(ByteString.copyFrom(v));
        }
        return Feature.newBuilder().setBytesList(list).build();
    }

    /** UTF-8 strings, stored as a bytes_list as TensorFlow stores every string. */
    public static Feature text(String... values) {
        BytesList.Builder list = BytesList.newBuilder();
        for (String v : values) {
            list.addValue(ByteString.copyFrom(v, StandardCharsets.UTF_8));
        }
        return Feature.newBuilder().setBytesList(list).build();
    }

    public static Feature int64(long... values) {
        Int64List.Builder list = Int64List.newBuilder();
        for (long v : values) {
            list.addValue(v);
        }
        return Feature.newBuilder().setInt64List(list).build();
    }

    public static Feature floats(float... values) {
        FloatList.Builder list = FloatList.newBuilder();
        for (float v : values) {
            list.addValue(v);
        }
        return Feature.newBuilder().setFloatList(list).build();
    }
}

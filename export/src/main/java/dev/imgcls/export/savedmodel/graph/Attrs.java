package dev.imgcls.export.savedmodel.graph;

import com.google.protobuf.ByteString;
import dev.imgcls.export.proto.AttrValue;
import dev.imgcls.export.proto.DataType;
import dev.imgcls.export.proto.NameAttrList;
import dev.imgcls.export.proto.TensorProto;
import dev.imgcls.export.proto.TensorShapeProto;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** AttrValue constructors for node attributes. */
public final class Attrs {
    private Attrs() {
    }

    public static AttrValue type(DataType t) {
        return AttrValue.newBuilder().setType(t).build();
    }

    public static AttrValue i(long v) {
        return AttrValue.newBuilder().setI(v).build();
    }

    public static AttrValue f(float v) {
        return AttrValue.newBuilder().setF(v).build();
    }

    public static AttrValue b(boolean v) {
        return AttrValue.newBuilder().setB(v).build();
    }

    public static AttrValue s(String v) {
        return AttrValue.newBuilder().setS(ByteString.copyFrom(v, StandardCharsets.UTF_8)).build();
    }

    /** A shape attr; -1 marks an unknown dimension, no dims a scalar. */
    public static AttrValue shape(long... dims) {
        return AttrValue.newBuilder().setShape(shapeProto(dims)).build();
    }

    public static AttrValue tensor(TensorProto t) {
        return AttrValue.newBuilder().setTensor(t).build();
    }

    public static AttrValue ints(long... values) {
        AttrValue.ListValue.Builder l = AttrValue.ListValue.newBuilder();
        for (long v : values) {
            l.addI(v);
        }
        return AttrValue.newBuilder().setList(l).build();
    }

    /** A list(type) attr; an empty list is written as a present, empty ListValue. */
    public static AttrValue types(List<DataType> ts) {
        return AttrValue.newBuilder().setList(AttrValue.ListValue.newBuilder().addAllType(ts)).build();
    }

    public static AttrValue shapes(List<TensorShapeProto> shapes) {
        return AttrValue.newBuilder().setList(AttrValue.ListValue.newBuilder().addAllShape(shapes)).build();
    }

    /** A func attr naming a function of the graph's library. */
    public static AttrValue func(String name) {
        return AttrValue.newBuilder().setFunc(NameAttrList.newBuilder().setName(name)).build();
    }

    public static TensorShapeProto shapeProto(long... dims) {
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
        for (long d : dims) {
            s.addDim(TensorShapeProto.Dim.newBuilder().setSize(d));
        }
        return s.build();
    }
}

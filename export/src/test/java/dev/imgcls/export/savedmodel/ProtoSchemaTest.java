package dev.imgcls.export.savedmodel;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import dev.imgcls.export.proto.AttrValue;
import dev.imgcls.export.proto.CollectionDef;
import dev.imgcls.export.proto.DataType;
import dev.imgcls.export.proto.FunctionDefLibrary;
import dev.imgcls.export.proto.GraphDef;
import dev.imgcls.export.proto.MetaGraphDef;
import dev.imgcls.export.proto.OpList;
import dev.imgcls.export.proto.SavedModel;
import dev.imgcls.export.proto.SaverDef;
import dev.imgcls.export.proto.SignatureDef;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Our .proto files (written from tf-formats.md) against the descriptors TensorFlow 2.18's own
 * generated classes carry (TF Java's {@code org.tensorflow.proto}): every message and field we
 * declare exists in TF with the same number, type, cardinality and packing, and every enum
 * value has TF's number. Fields we leave out are fine; a wrong number would silently write data
 * TF reads as something else.
 */
class ProtoSchemaTest {
    @Test
    void everyDeclaredFieldMatchesTensorFlow() {
        List<String> checked = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Descriptor ours : List.of(SavedModel.getDescriptor(), MetaGraphDef.getDescriptor(), SignatureDef.getDescriptor(),
                SaverDef.getDescriptor(), GraphDef.getDescriptor(), FunctionDefLibrary.getDescriptor(), AttrValue.getDescriptor(),
                CollectionDef.getDescriptor(), OpList.getDescriptor())) {
            compare(ours, tensorFlowDescriptor(ours), seen, checked);
        }
        // Every message of every file we own was reached through the roots above.
        assertTrue(checked.containsAll(List.of("tensorflow.TensorProto", "tensorflow.NodeDef", "tensorflow.VersionDef", "tensorflow.FunctionDef",
                "tensorflow.OpDef", "tensorflow.OpDef.ArgDef", "tensorflow.NameAttrList", "tensorflow.TensorInfo", "tensorflow.AssetFileDef",
                "tensorflow.MetaGraphDef.MetaInfoDef", "tensorflow.TensorShapeProto", "tensorflow.GradientDef")), "checked " + checked);
    }

    @Test
    void dataTypeValuesMatchTensorFlow() {
        EnumDescriptor ours = DataType.getDescriptor();
        EnumDescriptor theirs = org.tensorflow.proto.DataType.getDescriptor();
        for (EnumValueDescriptor v : ours.getValues()) {
            EnumValueDescriptor t = theirs.findValueByName(v.getName());
            assertNotNull(t, "TF has no " + v.getName());
            assertEquals(t.getNumber(), v.getNumber(), v.getName());
        }
    }

    private static Descriptor tensorFlowDescriptor(Descriptor ours) {
        String javaName = "org.tensorflow.proto." + ours.getFullName().substring("tensorflow.".length()).replace('.', '$');
        try {
            return (Descriptor) Class.forName(javaName).getMethod("getDescriptor").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("TensorFlow has no message " + ours.getFullName() + " (" + javaName + ")", e);
        }
    }

    private static void compare(Descriptor ours, Descriptor theirs, Set<String> seen, List<String> checked) {
        if (!seen.add(ours.getFullName())) {
            return;
        }
        assertEquals(theirs.getFullName(), ours.getFullName());
        checked.add(ours.getFullName());
        for (FieldDescriptor f : ours.getFields()) {
            String where = ours.getFullName() + "." + f.getName();
            FieldDescriptor t = theirs.findFieldByName(f.getName());
            assertNotNull(t, where + " does not exist in TensorFlow");
            assertEquals(t.getNumber(), f.getNumber(), where + " number");
            assertEquals(t.getType(), f.getType(), where + " type");
            assertEquals(t.isRepeated(), f.isRepeated(), where + " repeated");
            assertEquals(t.isMapField(), f.isMapField(), where + " map");
            assertEquals(t.isPacked(), f.isPacked(), where + " packed");
            assertEquals(t.getRealContainingOneof() == null ? null : t.getRealContainingOneof().getName(),
                    f.getRealContainingOneof() == null ? null : f.getRealContainingOneof().getName(), where + " oneof");
            if (f.getType() == FieldDescriptor.Type.MESSAGE) {
                assertEquals(t.getMessageType().getFullName(), f.getMessageType().getFullName(), where + " message type");
                if (!f.getMessageType().getFullName().startsWith("google.protobuf.")) {
                    compare(f.getMessageType(), t.getMessageType(), seen, checked);
                }
            } else if (f.getType() == FieldDescriptor.Type.ENUM) {
                assertEquals(t.getEnumType().getFullName(), f.getEnumType().getFullName(), where + " enum type");
                for (EnumValueDescriptor v : f.getEnumType().getValues()) {
                    assertEquals(t.getEnumType().findValueByName(v.getName()).getNumber(), v.getNumber(), where + " value " + v.getName());
                }
            }
        }
    }
}

package dev.imgcls.data.example;

import com.google.protobuf.ByteString;
import dev.imgcls.data.proto.Example;
import dev.imgcls.data.proto.Feature;
import dev.imgcls.data.proto.Features;
import dev.imgcls.data.tfrecord.RecordLocation;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** tf.Example bytes (tf-formats.md §7.2), the image parser's errors, and the converter's builder. */
class ImageExampleTest {

    private static final RecordLocation WHERE = new RecordLocation("/data/train-000-010.tfrec", 4, 4096);

    private static byte[] hex(String s) {
        return HexFormat.ofDelimiter(" ").parseHex(s);
    }

    private static byte[] example(String key, Feature value) {
        return Example.newBuilder().setFeatures(Features.newBuilder().putFeature(key, value)).build().toByteArray();
    }

    @Test
    void serializesLikeTensorFlow() {
        assertArrayEquals(hex("0a 13 0a 11 0a 01 78 12 0c 12 0a 0a 08 00 00 00 3f 00 00 80 3f"),
                example("x", FeatureValues.floats(0.5f, 1.0f)));
        assertArrayEquals(hex("0a 12 0a 10 0a 05 6c 61 62 65 6c 12 07 1a 05 0a 03 01 ac 02"),
                example("label", FeatureValues.int64(1, 300)));
        assertArrayEquals(hex("0a 0f 0a 0d 0a 03 69 6d 67 12 06 0a 04 0a 02 61 62"),
                example("img", FeatureValues.bytes("ab".getBytes(StandardCharsets.US_ASCII))));
    }

    @Test
    void readsThePackedAndTheUnpackedFloatEncoding() throws InvalidExampleException {
        for (String bytes : List.of("0a 13 0a 11 0a 01 78 12 0c 12 0a 0a 08 00 00 00 3f 00 00 80 3f",
                "0a 13 0a 11 0a 01 78 12 0c 12 0a 0d 00 00 00 3f 0d 00 00 80 3f")) {
            Example e = ImageExampleParser.parseExample(hex(bytes), WHERE);
            assertEquals(List.of(0.5f, 1.0f), e.getFeatures().getFeatureMap().get("x").getFloatList().getValueList());
        }
    }

    @Test
    void parsesImageAndLabelAndIgnoresTheRest() throws Exception {
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0x00, 0x11};
        byte[] record = new ImageExampleBuilder().encoded(jpeg).label(7).format("JPEG").synset("n01440764")
                .classText("tench").height(480).width(640).channels(3).colorspace("RGB").filename("a.jpg").toByteArray();
        LabeledImage image = ImageExampleParser.parse(record, WHERE);
        assertArrayEquals(jpeg, image.encoded());
        assertEquals(7, image.label());
        assertEquals(WHERE, image.location());
        // Unrelated features of every kind, as other converters write them, are ignored.
        Example extra = Example.parseFrom(record).toBuilder()
                .setFeatures(Example.parseFrom(record).getFeatures().toBuilder()
                        .putFeature("image/object/bbox/xmin", FeatureValues.floats(0.1f, 0.2f))
                        .putFeature("image/empty", Feature.getDefaultInstance()))
                .build();
        assertEquals(7, ImageExampleParser.parse(extra.toByteArray(), WHERE).label());
    }

    @Test
    void builderWritesEveryUsualKey() throws InvalidExampleException {
        byte[] record = new ImageExampleBuilder().encoded(new byte[] {1, 2}).label(3).format("PNG").synset("cats")
                .classText("a cat").height(10).width(20).channels(3).colorspace("RGB").filename("cat.png").toByteArray();
        Map<String, Feature> f = ImageExampleParser.parseExample(record, WHERE).getFeatures().getFeatureMap();
        assertEquals(ByteString.copyFrom(new byte[] {1, 2}), f.get(ImageFeatureKeys.ENCODED).getBytesList().getValue(0));
        assertEquals(List.of(3L), f.get(ImageFeatureKeys.LABEL).getInt64List().getValueList());
        assertEquals("PNG", f.get(ImageFeatureKeys.FORMAT).getBytesList().getValue(0).toStringUtf8());
        assertEquals("cats", f.get(ImageFeatureKeys.SYNSET).getBytesList().getValue(0).toStringUtf8());
        assertEquals("a cat", f.get(ImageFeatureKeys.TEXT).getBytesList().getValue(0).toStringUtf8());
        assertEquals(List.of(10L), f.get(ImageFeatureKeys.HEIGHT).getInt64List().getValueList());
        assertEquals(List.of(20L), f.get(ImageFeatureKeys.WIDTH).getInt64List().getValueList());
        assertEquals(List.of(3L), f.get(ImageFeatureKeys.CHANNELS).getInt64List().getValueList());
        assertEquals("RGB", f.get(ImageFeatureKeys.COLORSPACE).getBytesList().getValue(0).toStringUtf8());
        assertEquals("cat.png", f.get(ImageFeatureKeys.FILENAME).getBytesList().getValue(0).toStringUtf8());
        assertEquals(10, f.size());
    }

    @Test
    void builderRequiresImageAndLabel() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new ImageExampleBuilder().label(1).build());
        assertTrue(e.getMessage().contains("encoded image is missing"), e.getMessage());
        e = assertThrows(IllegalStateException.class, () -> new ImageExampleBuilder().encoded(new byte[1]).build());
        assertTrue(e.getMessage().contains("label is missing"), e.getMessage());
    }

    private static String error(byte[] record) {
        InvalidExampleException e = assertThrows(InvalidExampleException.class, () -> ImageExampleParser.parse(record, WHERE));
        assertEquals(WHERE, e.location());
        assertTrue(e.getMessage().startsWith("record 4 at offset 4096 of /data/train-000-010.tfrec: "), e.getMessage());
        return e.getMessage();
    }

    private static Features.Builder imageOnly() {
        return Features.newBuilder().putFeature(ImageFeatureKeys.ENCODED, FeatureValues.bytes(new byte[] {9}));
    }

    private static byte[] of(Features.Builder features) {
        return Example.newBuilder().setFeatures(features).build().toByteArray();
    }

    @Test
    void missingLabelListsTheFeaturesPresent() {
        String m = error(of(imageOnly().putFeature(ImageFeatureKeys.FORMAT, FeatureValues.text("JPEG"))));
        assertTrue(m.contains("no feature 'image/class/label' (features present: image/encoded, image/format)"), m);
    }

    @Test
    void missingImage() {
        String m = error(of(Features.newBuilder().putFeature(ImageFeatureKeys.LABEL, FeatureValues.int64(1))));
        assertTrue(m.contains("no feature 'image/encoded'"), m);
        assertTrue(error(new byte[0]).contains("features present: none"));
    }

    @Test
    void wrongTypes() {
        String m = error(of(imageOnly().putFeature(ImageFeatureKeys.LABEL, FeatureValues.text("1"))));
        assertTrue(m.contains("feature 'image/class/label' holds a bytes_list but must be an int64_list"), m);
        m = error(of(Features.newBuilder().putFeature(ImageFeatureKeys.ENCODED, FeatureValues.floats(1f))
                .putFeature(ImageFeatureKeys.LABEL, FeatureValues.int64(1))));
        assertTrue(m.contains("feature 'image/encoded' holds a float_list but must be a bytes_list"), m);
        m = error(of(imageOnly().putFeature(ImageFeatureKeys.LABEL, Feature.getDefaultInstance())));
        assertTrue(m.contains("holds no value list"), m);
    }

    @Test
    void wrongValueCounts() {
        String m = error(of(imageOnly().putFeature(ImageFeatureKeys.LABEL, FeatureValues.int64(1, 2))));
        assertTrue(m.contains("feature 'image/class/label' has 2 values, expected exactly 1"), m);
        m = error(of(imageOnly().putFeature(ImageFeatureKeys.LABEL, FeatureValues.int64())));
        assertTrue(m.contains("has 0 values"), m);
    }

    @Test
    void notAProtobuf() {
        String m = error(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
        assertTrue(m.contains("not a serialized tf.Example"), m);
    }
}

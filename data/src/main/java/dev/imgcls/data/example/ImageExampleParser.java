package dev.imgcls.data.example;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.imgcls.data.proto.Example;
import dev.imgcls.data.proto.Feature;
import dev.imgcls.data.tfrecord.RecordLocation;
import dev.imgcls.data.tfrecord.TFRecord;

import java.io.IOException;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads {@code image/encoded} and {@code image/class/label} from a serialized tf.Example, ignoring
 * every other feature, the way the reference input pipeline's {@code FixedLenFeature} parser does;
 * but where TensorFlow would silently substitute a default ({@code ''}, {@code -1}) for a missing
 * feature, this rejects the record with an error naming the file, the record and the feature.
 */
public final class ImageExampleParser {

    private ImageExampleParser() {}

    public static LabeledImage parse(TFRecord record) throws InvalidExampleException {
        return parse(record.payload(), record.location());
    }

    public static LabeledImage parse(byte[] serialized, RecordLocation location) throws InvalidExampleException {
        Example example = parseExample(serialized, location);
        Map<String, Feature> features = example.getFeatures().getFeatureMap();
        Feature encoded = require(features, ImageFeatureKeys.ENCODED, Feature.KindCase.BYTES_LIST, location);
        Feature label = require(features, ImageFeatureKeys.LABEL, Feature.KindCase.INT64_LIST, location);
        requireOneValue(ImageFeatureKeys.ENCODED, encoded.getBytesList().getValueCount(), location);
        requireOneValue(ImageFeatureKeys.LABEL, label.getInt64List().getValueCount(), location);
        return new LabeledImage(encoded.getBytesList().getValue(0).toByteArray(), label.getInt64List().getValue(0), location);
    }

    /** Parses any tf.Example, with errors naming the record. */
    public static Example parseExample(byte[] serialized, RecordLocation location) throws InvalidExampleException {
        try {
            // Aliasing lets the image bytes be views of the record buffer until copied out once.
            CodedInputStream input = CodedInputStream.newInstance(serialized);
            input.enableAliasing(true);
            Example example = Example.parseFrom(input);
            input.checkLastTagWas(0);
            return example;
        } catch (InvalidProtocolBufferException e) {
            throw new InvalidExampleException(location, "not a serialized tf.Example (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new InvalidExampleException(location, "cannot parse the tf.Example (" + e.getMessage() + ")", e);
        }
    }

    private static Feature require(Map<String, Feature> features, String key, Feature.KindCase kind, RecordLocation location)
            throws InvalidExampleException {
        Feature feature = features.get(key);
        if (feature == null) {
            String present = features.isEmpty() ? "none" : String.join(", ", new TreeSet<>(features.keySet()));
            throw new InvalidExampleException(location, "the tf.Example has no feature '" + key + "' (features present: "
                    + present + ")");
        }
        if (feature.getKindCase() != kind) {
            throw new InvalidExampleException(location, "feature '" + key + "' holds " + describe(feature.getKindCase())
                    + " but must be " + describe(kind));
        }
        return feature;
    }

    private static void requireOneValue(String key, int count, RecordLocation location) throws InvalidExampleException {
        if (count != 1) {
            throw new InvalidExampleException(location, "feature '" + key + "' has " + count + " values, expected exactly 1");
        }
    }

    private static String describe(Feature.KindCase kind) {
        return switch (kind) {
            case BYTES_LIST -> "a bytes_list";
            case FLOAT_LIST -> "a float_list";
            case INT64_LIST -> "an int64_list";
            case KIND_NOT_SET -> "no value list";
        };
    }
}

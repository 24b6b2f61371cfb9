package dev.imgcls.data.example;

/**
 * Feature keys of image classification tf.Examples (seed-spec §1.4). The trainer reads only
 * {@link #ENCODED} and {@link #LABEL}; converters (Google's {@code imagenet_to_gcs.py},
 * {@code jpeg_to_tf_record.py}, inception's {@code build_imagenet_data.py}) also write the others.
 */
public final class ImageFeatureKeys {

    public static final String ENCODED = "image/encoded";
    public static final String LABEL = "image/class/label";
    public static final String FORMAT = "image/format";
    public static final String SYNSET = "image/class/synset";
    public static final String TEXT = "image/class/text";
    public static final String HEIGHT = "image/height";
    public static final String WIDTH = "image/width";
    public static final String CHANNELS = "image/channels";
    public static final String COLORSPACE = "image/colorspace";
    public static final String FILENAME = "image/filename";

    private ImageFeatureKeys() {}
}

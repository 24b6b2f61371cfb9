package dev.imgcls.export.savedmodel;

/**
 * The serving contract of exported models (seed-spec §1.8): MetaGraph tag set {@code {serve}},
 * signature {@code serving_default} with method {@code tensorflow/serving/predict}.
 *
 * <ul>
 *   <li>input {@code image_bytes}: DT_STRING [-1], encoded JPEG, PNG, GIF or BMP images;</li>
 *   <li>input {@code key}: DT_STRING [-1], optional, echoed back; when omitted every image gets
 *       the key {@code "default"}, and a single key is repeated for the whole batch;</li>
 *   <li>output {@code classes}: DT_INT64 [-1], 0-based index of the largest logit;</li>
 *   <li>output {@code probabilities}: DT_FLOAT [-1, num_classes], softmax of the logits;</li>
 *   <li>output {@code key}: DT_STRING [-1], the keys.</li>
 * </ul>
 *
 * <p>The reference detection exporters default {@code key} to a one-element {@code ["default"]}
 * whatever the batch size; broadcasting it to the batch instead keeps every output [N, ...], which
 * row-format prediction responses ({@code "instances"}) need.
 */
public final class ServingSignature {
    public static final String TAG = "serve";
    public static final String SIGNATURE_KEY = "serving_default";
    public static final String METHOD_NAME = "tensorflow/serving/predict";

    public static final String IMAGE_BYTES = "image_bytes";
    public static final String KEY = "key";
    public static final String CLASSES = "classes";
    public static final String PROBABILITIES = "probabilities";

    /** The key of images sent without one. */
    public static final String DEFAULT_KEY = "default";

    private ServingSignature() {
    }
}

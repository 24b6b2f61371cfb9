package dev.imgcls.export.onnx;

import com.google.gson.JsonArray;
import dev.imgcls.nn.Model;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The model's {@code metadata_props}: what a caller must know to feed the graph the pixels our
 * evaluation feeds the network (ONNX Runtime shows them as the session's custom metadata map).
 */
final class OnnxMetadata {
    /** Bumped when a key changes meaning. */
    static final String FORMAT_VERSION = "1";

    private OnnxMetadata() {
    }

    static Map<String, String> of(Model model, OnnxExportOptions o) {
        int s = o.imageSize();
        Map<String, String> m = new LinkedHashMap<>();
        m.put("imgcls_format_version", FORMAT_VERSION);
        m.put("model_type", model.modelType());
        m.put("num_classes", Integer.toString(model.numClasses()));
        if (!o.labels().isEmpty()) {
            JsonArray labels = new JsonArray();
            o.labels().forEach(labels::add);
            m.put("labels", labels.toString());
        }
        m.put("input", OnnxModelBuilder.INPUT + ": float32 [N, " + s + ", " + s + ", 3], NHWC, RGB, pixel values 0..255 as preprocessed, not normalised");
        m.put("outputs", OnnxModelBuilder.PROBABILITIES + ": float32 [N, " + model.numClasses() + "] softmax; "
                + OnnxModelBuilder.CLASSES + ": int64 [N] most probable class index");
        m.put("image_size", Integer.toString(s));
        m.put("layout", "NHWC");
        m.put("channel_order", "RGB");
        m.put("value_range", "0..255");
        m.put("crop_padding", Integer.toString(o.cropPadding()));
        m.put("crop_fraction", Float.toString(o.cropFraction()));
        m.put("resize", "bicubic, TensorFlow's legacy ResizeBicubic (tf.compat.v1.image.resize_bicubic: align_corners=false, "
                + "half_pixel_centers=false), float result neither rounded nor clamped");
        m.put("preprocessing", "decode to 8-bit RGB; centre crop a square of side max(1, floor(crop_fraction * min(height, width))) "
                + "at top (height - side + 1) // 2, left (width - side + 1) // 2; resize it to " + s + "x" + s + " (see resize); "
                + "feed the float32 pixel values 0..255 as they are");
        m.put("mean_rgb", Arrays.toString(Model.MEAN_RGB));
        m.put("stddev_rgb", Arrays.toString(Model.STDDEV_RGB));
        m.put("normalization", "inside the graph: (x - mean_rgb) / stddev_rgb per channel; do not normalise the input");
        return m;
    }
}

package dev.imgcls.serve;

import java.util.List;

/**
 * One parsed {@code :predict} request: the encoded images, one key per image (the keys sent, a
 * single key repeated, or {@code "default"} for each, as the serving graph echoes them), and
 * whether it came in the columnar {@code "inputs"} format, which is answered in columnar
 * {@code "outputs"}.
 */
record PredictRequest(List<byte[]> images, List<String> keys, boolean columnar) {
    PredictRequest {
        if (keys.size() != images.size()) {
            throw new IllegalArgumentException(keys.size() + " keys for " + images.size() + " images");
        }
    }

    int size() {
        return images.size();
    }
}

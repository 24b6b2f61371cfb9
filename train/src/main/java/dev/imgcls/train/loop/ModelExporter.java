package dev.imgcls.train.loop;

import dev.imgcls.nn.Model;

import java.io.IOException;
import java.util.Map;

/**
 * Writes a model as a SavedModel directory that replaces {@code directory} atomically (readers see
 * the old model or the new one, never a mix), with {@code extraAssets} (file name → text: the
 * job's provenance) in its {@code assets.extra/}; the product's exporter also puts the ONNX
 * model ({@code model.onnx}) into it. Its serving graph resizes to {@code imageSize} after a
 * centre crop of {@code imageSize / (imageSize + cropPadding)} ({@code --eval_crop_padding}).
 */
@FunctionalInterface
public interface ModelExporter {
    void export(Model model, int imageSize, int cropPadding, String directory, Map<String, String> extraAssets) throws IOException;
}

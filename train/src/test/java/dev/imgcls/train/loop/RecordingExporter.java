package dev.imgcls.train.loop;

import dev.imgcls.nn.Model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** An exporter that writes a marker file naming the model and remembers each export. */
final class RecordingExporter implements ModelExporter {
    final List<String> exports = new ArrayList<>();

    @Override
    public void export(Model model, int imageSize, int cropPadding, String directory, Map<String, String> extraAssets) throws IOException {
        Path dir = Path.of(directory);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("exported.txt"), model.modelType() + " " + imageSize + " " + cropPadding + "\n");
        exports.add(directory);
    }
}

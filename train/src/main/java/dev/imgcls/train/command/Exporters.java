package dev.imgcls.train.command;

import dev.imgcls.export.onnx.OnnxExportOptions;
import dev.imgcls.export.onnx.OnnxExporter;
import dev.imgcls.export.savedmodel.SavedModelExporter;
import dev.imgcls.export.warmstart.WarmStart;
import dev.imgcls.io.AtomicOutputStream;
import dev.imgcls.io.FileSystem;
import dev.imgcls.io.FileSystems;
import dev.imgcls.train.loop.ModelExporter;
import dev.imgcls.train.loop.WarmStarter;
import dev.imgcls.train.provenance.BuildInfo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The product's SavedModel and ONNX export and warm start, as the training job's interfaces. */
final class Exporters {
    private Exporters() {
    }

    /**
     * SavedModel export with {@code model.onnx} beside {@code saved_model.pb}: a local directory
     * is replaced atomically by the exporter, the ONNX file included; a {@code gs://} one gets a
     * local export uploaded file by file (each object appears whole; GCS has no directory rename,
     * so a reader during the upload may see files of both exports).
     */
    static ModelExporter savedModel() {
        return (model, imageSize, cropPadding, directory, extraAssets) -> {
            OnnxExportOptions onnxOptions = OnnxExportOptions.reference(imageSize).withCropPadding(cropPadding)
                    .withProducerVersion(BuildInfo.current().version());
            Map<String, SavedModelExporter.Content> extraFiles = Map.of(OnnxExporter.FILE, OnnxExporter.content(model, onnxOptions));
            if (!directory.startsWith("gs://")) {
                SavedModelExporter.export(model, imageSize, cropPadding, Path.of(directory), extraAssets, extraFiles);
                return;
            }
            Path local = Files.createTempDirectory("imgcls-export");
            try {
                Path dir = local.resolve("model");
                SavedModelExporter.export(model, imageSize, cropPadding, dir, extraAssets, extraFiles);
                upload(dir.toRealPath(), directory); // the export is a link to its version folder
            } finally {
                deleteTree(local);
            }
        };
    }

    /** {@code --pretrained_checkpoint_path}: loads what fits and prints the table of what was loaded. */
    static WarmStarter warmStart() {
        return (model, checkpointPath, out) -> out.print(WarmStart.initialize(model, checkpointPath).format());
    }

    private static void upload(Path dir, String target) throws IOException {
        FileSystem fs = FileSystems.forPath(target);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        for (Path file : files) {
            String relative = dir.relativize(file).toString().replace(java.io.File.separatorChar, '/');
            try (AtomicOutputStream out = fs.create(FileSystems.join(target, relative))) {
                Files.copy(file, out);
                out.commit();
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}

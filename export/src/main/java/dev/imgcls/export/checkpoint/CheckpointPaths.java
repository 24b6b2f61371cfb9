package dev.imgcls.export.checkpoint;

import dev.imgcls.io.FileSystem;
import dev.imgcls.io.FileSystems;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns what a user passes as "a checkpoint" into a bundle prefix: the prefix itself
 * ({@code dir/model.ckpt-1000}), one of its files ({@code .index}, {@code .data-00000-of-00001}),
 * or a directory, meaning its latest complete checkpoint.
 */
public final class CheckpointPaths {

    private static final Pattern DATA_SUFFIX = Pattern.compile("\\.data-\\d{5}-of-\\d{5}$");

    private CheckpointPaths() {}

    public static String resolve(String path) throws IOException {
        return resolve(FileSystems.defaults(), path);
    }

    /**
     * The bundle prefix {@code path} stands for.
     *
     * @throws NoSuchFileException when there is no checkpoint there, saying what was looked for
     */
    public static String resolve(FileSystems fileSystems, String path) throws IOException {
        if (path.endsWith(BundleNames.INDEX_SUFFIX)) {
            return path.substring(0, path.length() - BundleNames.INDEX_SUFFIX.length());
        }
        if (DATA_SUFFIX.matcher(path).find()) {
            return DATA_SUFFIX.matcher(path).replaceFirst("");
        }
        FileSystem fs = fileSystems.resolve(path);
        if (fs.exists(BundleNames.indexFile(path))) {
            return path;
        }
        if (fs.exists(path) && !listOrEmpty(fs, path).isEmpty()) {
            return CheckpointManager.latestCheckpoint(fileSystems, path).orElseThrow(() -> new NoSuchFileException(path, null,
                    "directory holds no complete checkpoint (no usable entry in its '" + CheckpointStateFile.NAME
                            + "' file and no <name>-<step>.index file with its data)"));
        }
        if (fs.exists(path)) {
            return path; // a single file: BundleReader explains that V1 checkpoints are not read
        }
        throw new NoSuchFileException(path, null, "no checkpoint here: expected a checkpoint prefix (with " + BundleReader.nameOf(path)
                + BundleNames.INDEX_SUFFIX + " beside it), a .index file, or a directory of checkpoints");
    }

    private static List<String> listOrEmpty(FileSystem fs, String path) {
        try {
            return fs.list(path);
        } catch (IOException e) {
            return List.of();
        }
    }
}

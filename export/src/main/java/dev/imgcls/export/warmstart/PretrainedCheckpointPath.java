package dev.imgcls.export.warmstart;

import dev.imgcls.export.checkpoint.BundleNames;
import dev.imgcls.export.checkpoint.CheckpointManager;
import dev.imgcls.export.checkpoint.CheckpointPaths;
import dev.imgcls.export.checkpoint.UnsupportedCheckpointException;
import dev.imgcls.io.FileSystem;
import dev.imgcls.io.FileSystems;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns {@code --pretrained_checkpoint_path} into a checkpoint prefix. Accepted, local or
 * {@code gs://}:
 * <ul>
 *   <li>a prefix ({@code …/model.ckpt-112603}, or {@code …/model.ckpt} as in Google's unpacked
 *       EfficientNet archives) or one of its files ({@code .index}, {@code .data-…}, {@code .meta});
 *   <li>a directory of checkpoints: its latest complete one (by its {@code checkpoint} state
 *       file, else the highest step), or its only {@code .index};
 *   <li>an imgcls job directory: the latest checkpoint of its {@code checkpoints/} subdirectory.
 * </ul>
 * Archives ({@code .tar.gz}, {@code .tgz}, …), which is how Google publishes the EfficientNet
 * checkpoints, are rejected with the commands that unpack them.
 */
public final class PretrainedCheckpointPath {

    /** The subdirectory of a job directory that holds its checkpoints (design.md, "Outputs in job-dir"). */
    public static final String JOB_CHECKPOINTS = "checkpoints";

    private static final List<String> ARCHIVE_SUFFIXES = List.of(".tar.gz", ".tgz", ".tar", ".tar.bz2", ".tbz2", ".tar.xz", ".zip");
    private static final String META_SUFFIX = ".meta";

    private static final System.Logger LOG = System.getLogger(PretrainedCheckpointPath.class.getName());

    private PretrainedCheckpointPath() {}

    public static String resolve(String path) throws IOException {
        return resolve(FileSystems.defaults(), path);
    }

    /**
     * The prefix of the checkpoint {@code path} names.
     *
     * @throws UnsupportedCheckpointException for an archive, saying how to unpack it
     * @throws NoSuchFileException            when there is no checkpoint there, saying what was looked for
     */
    public static String resolve(FileSystems fileSystems, String path) throws IOException {
        if (path.isEmpty()) {
            throw new IllegalArgumentException("the pretrained checkpoint path is empty");
        }
        String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        Optional<String> archive = archiveSuffix(trimmed);
        if (archive.isPresent()) {
            throw new UnsupportedCheckpointException(unpackAdvice(trimmed, archive.get()));
        }
        FileSystem fs = fileSystems.resolve(trimmed);
        if (trimmed.endsWith(META_SUFFIX) && fs.exists(BundleNames.indexFile(stripMeta(trimmed)))) {
            return stripMeta(trimmed); // the graph of a TF1 checkpoint: its weights are beside it
        }
        if (!fs.exists(BundleNames.indexFile(trimmed)) && isDirectory(fs, trimmed)) {
            String jobCheckpoints = FileSystems.join(trimmed, JOB_CHECKPOINTS);
            if (isDirectory(fs, jobCheckpoints)) {
                Optional<String> inDirectory = latestIn(fileSystems, fs, trimmed);
                if (inDirectory.isPresent()) {
                    return inDirectory.get();
                }
                LOG.log(System.Logger.Level.INFO, trimmed + " is a job directory: taking its checkpoint from " + jobCheckpoints);
                return latestIn(fileSystems, fs, jobCheckpoints).orElseThrow(() -> noCheckpointIn(fs, jobCheckpoints));
            }
            return latestIn(fileSystems, fs, trimmed).orElseThrow(() -> noCheckpointIn(fs, trimmed));
        }
        if (!fs.exists(BundleNames.indexFile(trimmed)) && listsEmpty(fs, trimmed)) {
            throw new NoSuchFileException(trimmed, null, "no checkpoint here: " + trimmed + " is an empty directory"
                    + (trimmed.startsWith("gs://") ? " (or an object with no " + BundleNames.INDEX_SUFFIX + " beside it)" : ""));
        }
        return CheckpointPaths.resolve(fileSystems, trimmed);
    }

    /** The directory's latest complete checkpoint, else its only {@code .index} (an unpacked archive with no state file). */
    private static Optional<String> latestIn(FileSystems fileSystems, FileSystem fs, String directory) throws IOException {
        Optional<String> latest = CheckpointManager.latestCheckpoint(fileSystems, directory);
        if (latest.isPresent()) {
            return latest;
        }
        List<String> indexes = fs.list(directory).stream().filter(f -> f.endsWith(BundleNames.INDEX_SUFFIX)).toList();
        if (indexes.size() == 1) {
            String index = indexes.get(0);
            return Optional.of(FileSystems.join(directory, index.substring(0, index.length() - BundleNames.INDEX_SUFFIX.length())));
        }
        return Optional.empty();
    }

    private static NoSuchFileException noCheckpointIn(FileSystem fs, String directory) {
        List<String> entries;
        try {
            entries = fs.list(directory);
        } catch (IOException e) {
            entries = List.of();
        }
        StringBuilder m = new StringBuilder("no checkpoint in directory ").append(directory).append(": expected a '")
                .append("checkpoint' state file naming one, or <name>.index with its .data-* files");
        List<String> indexes = entries.stream().filter(f -> f.endsWith(BundleNames.INDEX_SUFFIX)).toList();
        if (indexes.size() > 1) {
            m.append("; it holds ").append(String.join(", ", indexes)).append(", but none that is complete and recognisably the"
                    + " latest: name one, e.g. ").append(FileSystems.join(directory, indexes.get(0).replace(BundleNames.INDEX_SUFFIX, "")));
        }
        for (String entry : entries) {
            Optional<String> suffix = archiveSuffix(entry);
            if (suffix.isPresent()) {
                m.append(". It holds the archive ").append(entry).append(": ")
                        .append(unpackAdvice(FileSystems.join(directory, entry), suffix.get()));
                break;
            }
        }
        return new NoSuchFileException(directory, null, m.toString());
    }

    private static String unpackAdvice(String archivePath, String suffix) {
        String file = archivePath.substring(archivePath.lastIndexOf('/') + 1);
        String unpackedDir = file.substring(0, file.length() - suffix.length());
        String unpack = switch (suffix) {
            case ".zip" -> "unzip " + file;
            case ".tar" -> "tar xf " + file;
            case ".tar.bz2", ".tbz2" -> "tar xjf " + file;
            case ".tar.xz" -> "tar xJf " + file;
            default -> "tar xzf " + file;
        };
        String fetch = archivePath.startsWith("gs://") ? "gsutil cp " + archivePath + " . && " : "";
        return archivePath + " is an archive (Google publishes its EfficientNet checkpoints that way); imgcls reads checkpoint files,"
                + " not archives. Unpack it first: " + fetch + unpack + " (to copy it back to Cloud Storage: gsutil cp -r "
                + unpackedDir + " gs://<bucket>/<path>/), then pass the checkpoint prefix inside it, e.g. --pretrained_checkpoint_path="
                + unpackedDir + "/model.ckpt (the path of model.ckpt.index without .index), or the unpacked directory " + unpackedDir;
    }

    private static Optional<String> archiveSuffix(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        return ARCHIVE_SUFFIXES.stream().filter(lower::endsWith).findFirst();
    }

    private static String stripMeta(String path) {
        return path.substring(0, path.length() - META_SUFFIX.length());
    }

    /** An existing path that lists without error but with no entries: an empty directory (on GCS, possibly an object). */
    private static boolean listsEmpty(FileSystem fs, String path) throws IOException {
        if (!fs.exists(path)) {
            return false;
        }
        try {
            return fs.list(path).isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    /** A directory with entries; a file (which the local file system refuses to list) or an empty directory is not one. */
    private static boolean isDirectory(FileSystem fs, String path) throws IOException {
        if (!fs.exists(path)) {
            return false;
        }
        try {
            return !fs.list(path).isEmpty();
        } catch (IOException e) {
            return false;
        }
    }
}

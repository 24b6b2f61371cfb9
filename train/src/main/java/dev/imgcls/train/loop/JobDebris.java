package dev.imgcls.train.loop;

import dev.imgcls.export.checkpoint.CheckpointManager;
import dev.imgcls.export.savedmodel.VersionedDirectory;
import dev.imgcls.io.TemporaryNames;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Removes what an interrupted run of a job left in its directory: temporary files of unfinished
 * writes (in the job directory, {@code checkpoints/}, {@code checkpoints/eval/} and the report
 * folders {@code eval/step-N/} and {@code eval/latest/}), checkpoints
 * the state file does not list, and superseded or partial model versions. Run under the job
 * directory's lock, at the start of a job and when it ends.
 */
final class JobDebris {
    private JobDebris() {
    }

    /** Cleans a job directory; returns the number of files and folders removed. */
    static int clean(JobPaths paths, CheckpointManager checkpoints) throws IOException {
        int removed = checkpoints.removeStale();
        if (paths.jobDir().startsWith("gs://")) {
            return removed; // objects appear whole on GCS: no temporary files, no model versions
        }
        Path jobDir = Path.of(paths.jobDir());
        removed += removeTemporaryFiles(jobDir);
        removed += removeTemporaryFiles(Path.of(paths.checkpoints()).resolve("eval"));
        Path reports = Path.of(paths.evalReports());
        if (Files.isDirectory(reports)) {
            try (DirectoryStream<Path> folders = Files.newDirectoryStream(reports, Files::isDirectory)) {
                for (Path folder : folders) {
                    removed += removeTemporaryFiles(folder);
                }
            }
        }
        removed += VersionedDirectory.removeStale(Path.of(paths.model()));
        return removed;
    }

    private static int removeTemporaryFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int removed = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, p -> TemporaryNames.isTemporaryFile(p.getFileName().toString()))) {
            for (Path entry : entries) {
                if (Files.isRegularFile(entry) && Files.deleteIfExists(entry)) {
                    removed++;
                }
            }
        }
        return removed;
    }
}

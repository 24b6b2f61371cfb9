package dev.imgcls.serve;

import dev.imgcls.export.savedmodel.ExportInfo;
import dev.imgcls.export.savedmodel.SavedModelExporter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Watches a model directory (a job's {@code model/}, which the trainer replaces as a whole by
 * renaming a link) and, when the export in it changes, loads the new one beside the old and swaps
 * it into the server: requests in flight finish on the old model, none fails. An export that does
 * not load is reported once and the old model goes on serving.
 */
public final class ModelReloader implements AutoCloseable {
    /** Loads the export in a directory. */
    @FunctionalInterface
    public interface Loader {
        Predictor load(Path dir) throws IOException;
    }

    private final Path dir;
    private final Loader loader;
    private final PredictionServer server;
    private final Consumer<String> log;
    private final ScheduledExecutorService timer;
    private String served;
    private String failed;
    private int version;

    /** Takes the export now in {@code dir} as the one {@code server} serves (version 1). */
    public ModelReloader(Path dir, Loader loader, PredictionServer server, Consumer<String> log) {
        this.dir = dir;
        this.loader = loader;
        this.server = server;
        this.log = log;
        this.served = fingerprint(dir);
        this.version = Integer.parseInt(server.version());
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "imgcls-serve-reload");
            t.setDaemon(true);
            return t;
        });
    }

    /** Checks every {@code pollMillis}. */
    public void start(long pollMillis) {
        timer.scheduleWithFixedDelay(this::check, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
    }

    /** Reloads if the export changed; returns whether a new model is now served. */
    public synchronized boolean check() {
        String now = fingerprint(dir);
        if (now == null || now.equals(served) || now.equals(failed)) {
            return false;
        }
        Predictor next;
        try {
            // The version the link names now, not whatever it names when the loader opens each file.
            next = loader.load(dir.toRealPath());
        } catch (IOException | RuntimeException e) {
            // Mid-replacement or damaged: keep serving, and say so once per state of the directory.
            failed = now;
            log.accept("imgcls serve: warning: the export in " + dir + " changed but does not load (" + e.getMessage() + "); still serving version "
                    + version);
            return false;
        }
        version++;
        server.swap(next, Integer.toString(version));
        served = now;
        failed = null;
        log.accept("imgcls serve: reloaded " + next.modelType() + " (" + next.numClasses() + " classes, " + next.imageSize() + " px) from " + dir
                + " as version " + version);
        return true;
    }

    /** Where the directory points and the times and sizes of the export's two files; {@code null} while they are missing. */
    static String fingerprint(Path dir) {
        try {
            StringBuilder sb = new StringBuilder(dir.toRealPath().toString());
            for (String file : new String[] {SavedModelExporter.SAVED_MODEL_FILE, ExportInfo.FILE}) {
                BasicFileAttributes a = Files.readAttributes(dir.resolve(file), BasicFileAttributes.class);
                sb.append('|').append(a.lastModifiedTime().toMillis()).append(':').append(a.size()).append(':').append(Objects.toString(a.fileKey()));
            }
            return sb.toString();
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}

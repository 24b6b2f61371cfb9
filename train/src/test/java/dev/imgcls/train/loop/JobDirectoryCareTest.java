package dev.imgcls.train.loop;

import dev.imgcls.export.savedmodel.ExportedModel;
import dev.imgcls.export.savedmodel.SavedModelExporter;
import dev.imgcls.train.cli.TrainingArguments;
import dev.imgcls.train.demo.PatternDataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a job does for the people and programs around it: one trainer per job directory, no
 * leftovers of interrupted runs, outputs with the umask's permissions, a tuning metric file that
 * cannot be written costs only a warning.
 */
class JobDirectoryCareTest {
    @TempDir
    static Path tmp;
    static PatternDataset.Written data;

    @BeforeAll
    static void data() throws IOException {
        data = PatternDataset.write(tmp.resolve("data"), 3, 6, 24, 1, 5);
    }

    @Test
    void leftoversOfInterruptedWritesAreRemovedAtTheNextStart() throws IOException {
        Path job = tmp.resolve("debris");
        run(job, 2, Map.of());
        Path checkpoints = job.resolve("checkpoints");
        List<Path> debris = List.of(
                job.resolve(".final_metrics.json.k3j9x0.tmp"),
                checkpoints.resolve(".model.ckpt-4.index.a1b2c3.tmp"),
                checkpoints.resolve(".checkpoint.zz9.tmp"),
                checkpoints.resolve("model.ckpt-9.index"),               // written, never recorded in the state file
                checkpoints.resolve("model.ckpt-9.data-00000-of-00001"),
                checkpoints.resolve("eval").resolve(".events.out.tfevents.1.host.q1.tmp"),
                job.resolve(".model.versions").resolve("0000000000000001-partial"),
                job.resolve(".model.tmp-123"));                          // the previous release's export folder
        for (Path p : debris) {
            Files.createDirectories(p.getParent());
            if (p.getFileName().toString().contains("partial") || p.getFileName().toString().contains(".model.tmp-")) {
                Files.createDirectories(p.resolve("variables"));
            } else {
                Files.writeString(p, "left by a killed run");
            }
        }
        Files.createSymbolicLink(job.resolve(".model.link-abc"), Path.of(".model.versions/0000000000000001-partial"));
        Set<String> kept = Set.of("model.ckpt-2.index", "model.ckpt-2.data-00000-of-00001", "checkpoint");

        String out = run(job, 4, Map.of());

        assertTrue(out.contains("removed 9 leftover files of interrupted writes from " + job), out);
        for (Path p : debris) {
            assertFalse(Files.exists(p, LinkOption.NOFOLLOW_LINKS), p + " is removed");
        }
        assertFalse(Files.exists(job.resolve(".model.link-abc"), LinkOption.NOFOLLOW_LINKS));
        for (String name : kept) {
            assertTrue(Files.exists(checkpoints.resolve(name)) || name.startsWith("model.ckpt-2"), name);
        }
        assertEquals(List.of(), hiddenEntries(job), "only the current model version is left after the job");
        assertTrue(Files.isSymbolicLink(job.resolve("model")));
        ExportedModel.load(job.resolve("model"));
    }

    @Test
    void aSecondTrainerOnTheSameJobDirectoryIsRefusedWithTheOwner() throws IOException {
        Path job = tmp.resolve("locked");
        try (JobDirectoryLock held = JobDirectoryLock.acquire(job, new PrintStream(new ByteArrayOutputStream()))) {
            JobDirectoryInUseException e = assertThrows(JobDirectoryInUseException.class, () -> run(job, 2, Map.of()));
            assertTrue(e.getMessage().contains(job + " is in use by another trainer (pid " + ProcessHandle.current().pid() + " on "
                    + JobDirectoryLock.host()), e.getMessage());
            assertTrue(e.getMessage().endsWith("wait for it to finish or use another --job-dir"), e.getMessage());
            assertFalse(Files.exists(job.resolve("checkpoints")), "the refused trainer wrote nothing");
        }
        assertFalse(Files.exists(job.resolve(JobDirectoryLock.FILE)), "the lock file goes with its owner");
    }

    @Test
    void aLockLeftByADeadTrainerIsTakenOver() throws IOException {
        Path job = tmp.resolve("stale");
        Files.createDirectories(job);
        Files.writeString(job.resolve(JobDirectoryLock.FILE), "pid=2147480000\nhost=gone.example\nstarted=2026-01-01T00:00:00Z\n");
        String out = run(job, 2, Map.of());
        assertTrue(out.contains("taking over " + job.resolve(JobDirectoryLock.FILE)
                + " from a trainer that is no longer running (pid 2147480000 on gone.example, started 2026-01-01T00:00:00Z)"), out);
        assertTrue(out.contains("finished at step 2"), out);
        assertFalse(Files.exists(job.resolve(JobDirectoryLock.FILE)));
    }

    @Test
    void outputsGetTheUmasksPermissionsNotOwnerOnly() throws IOException {
        Path job = tmp.resolve("perms");
        run(job, 2, Map.of());
        // What this process's umask gives a plain new file and folder, to compare with.
        Path plainFile = Files.createFile(tmp.resolve("plain-file"));
        Path plainDir = Files.createDirectory(tmp.resolve("plain-dir"));
        Set<PosixFilePermission> filePerms = Files.getPosixFilePermissions(plainFile);
        Set<PosixFilePermission> dirPerms = Files.getPosixFilePermissions(plainDir);
        assertTrue(filePerms.contains(PosixFilePermission.OTHERS_READ) || filePerms.contains(PosixFilePermission.GROUP_READ),
                "this test needs a umask that lets others read, got " + filePerms);
        List<Path> all;
        try (Stream<Path> walk = Files.walk(job)) {
            all = walk.filter(p -> !Files.isSymbolicLink(p)).toList();
        }
        assertTrue(all.stream().anyMatch(p -> p.endsWith("saved_model.pb")));
        assertTrue(all.stream().anyMatch(p -> p.endsWith("final_metrics.json")));
        for (Path p : all) {
            assertEquals(Files.isDirectory(p) ? dirPerms : filePerms, Files.getPosixFilePermissions(p), p.toString());
        }
    }

    @Test
    void aMetricFileThatCannotBeWrittenIsAWarningNotTheEndOfTheJob() throws IOException {
        Path job = tmp.resolve("metric");
        Path notADirectory = Files.writeString(tmp.resolve("a-file"), "x");
        String out = run(job, 2, Map.of("CLOUD_ML_HP_METRIC_FILE", notADirectory.resolve("output.metrics").toString()));
        assertEquals(1, out.lines().filter(l -> l.startsWith("warning: cannot write the tuning metric file")).count(), out);
        assertTrue(out.contains("warning: cannot write the tuning metric file " + notADirectory.resolve("output.metrics")
                + " (" + notADirectory + ": a file, where a folder is needed); training goes on without reporting top-1 to it"), out);
        assertTrue(out.contains("finished at step 2"), out);
    }

    private static List<String> hiddenEntries(Path job) throws IOException {
        List<String> hidden = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(job)) {
            walk.map(p -> job.relativize(p).toString()).filter(r -> r.startsWith(".") || r.contains("/."))
                    .filter(r -> !r.startsWith(".model.versions")).forEach(hidden::add);
        }
        try (Stream<Path> versions = Files.list(job.resolve(".model.versions"))) {
            if (versions.count() != 1) {
                hidden.add(".model.versions holds more than the current version");
            }
        }
        return hidden;
    }

    private static String run(Path jobDir, int maxSteps, Map<String, String> environment) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        JobReport report = TrainingJob.run(TrainingArguments.parseConfig("--training_data_path=" + data.trainingPattern(),
                "--validation_data_path=" + data.validationPattern(), "--job-dir=" + jobDir, "--num_classes=" + data.numClasses(),
                "--max_steps=" + maxSteps, "--train_batch_size=2", "--image_size=32", "--model_type=resnet-18",
                "--eval_every_steps=2", "--num_eval_images=2", "--seed=3"),
                new JobEnvironment(out, environment, (model, size, padding, dir, assets) -> SavedModelExporter.export(model, size, padding,
                        Path.of(dir), assets),
                        (m, p, o) -> {
                            throw new AssertionError("no warm start was asked for");
                        }));
        assertTrue(report.completed(maxSteps), bytes.toString(StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}

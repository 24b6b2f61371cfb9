package dev.imgcls.train.command;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.imgcls.train.demo.PatternDataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real training job, stopped at max_steps and resumed with a higher one, as a user runs it:
 * the provenance in {@code checkpoints/} and in the exported model names the command lines as
 * given, every effective argument, the seed, this build's version and each input file with the
 * CRC32C of its bytes (computed here from the files); the resumed run is added, the first kept
 * as it was; {@code inspect} shows it.
 */
class ProvenanceTest {
    @TempDir
    static Path tmp;
    static PatternDataset.Written data;
    static Path jobDir;
    static List<String> firstArgs;
    static JsonObject afterFirst;
    static JsonObject modelAfterFirst;

    @BeforeAll
    static void trainFourSteps() throws IOException {
        data = PatternDataset.write(tmp.resolve("data"), 2, 8, 24, 2, 3);
        jobDir = tmp.resolve("job");
        firstArgs = List.of("--training_data_path=" + data.trainingPattern(), "--validation_data_path=" + data.validationPattern(),
                "--job-dir=" + jobDir, "--num_classes=2", "--max_steps=4", "--train_batch_size=4", "--image_size=24",
                "--model_type=resnet-18", "--eval_every_steps=4", "--checkpoint_every_steps=2", "--seed=23");
        train(firstArgs);
        afterFirst = json(jobDir.resolve("checkpoints/provenance.json"));
        modelAfterFirst = json(jobDir.resolve("model/assets.extra/provenance.json"));
    }

    @Test
    void theCheckpointsRecordTheCommandLineArgumentsSeedAndBuild() throws IOException, InterruptedException {
        assertEquals(1, afterFirst.get("format_version").getAsInt());
        assertEquals(23, afterFirst.get("seed").getAsLong());
        JsonArray runs = afterFirst.getAsJsonArray("runs");
        assertEquals(1, runs.size(), afterFirst.toString());
        JsonObject run = runs.get(0).getAsJsonObject();
        assertEquals(firstArgs, strings(run.getAsJsonArray("command_line")));
        assertEquals(23, run.get("seed").getAsLong());
        assertEquals(0, run.get("start_step").getAsLong());
        assertEquals(List.of(2L, 4L), longs(run.getAsJsonArray("checkpoint_steps")));

        JsonObject arguments = run.getAsJsonObject("arguments");
        assertEquals("4", arguments.get("max_steps").getAsString());
        assertEquals("23", arguments.get("seed").getAsString());
        assertEquals(jobDir.toString(), arguments.get("job-dir").getAsString());
        // Flags left at their defaults are recorded with the value the job used.
        assertEquals("momentum", arguments.get("optimizer_type").getAsString());
        assertTrue(arguments.has("label_smoothing") && arguments.has("weight_decay") && arguments.has("learning_rate_decay_type"),
                arguments.toString());

        JsonObject build = run.getAsJsonObject("build");
        String version = System.getProperty("imgcls.test.project.version");
        assertNotNull(version, "surefire passes the project version (train/pom.xml)");
        assertEquals(version, build.get("version").getAsString());
        String commit = build.get("commit").getAsString();
        String head = gitHead();
        assertTrue(head == null || commit.equals(head), "built from " + head + ", recorded " + commit);
        assertTrue(commit.matches("[0-9a-f]{40}") || (head == null && commit.equals("unknown")), commit);

        assertEquals(System.getProperty("java.version"), run.getAsJsonObject("java").get("version").getAsString());
        assertTrue(run.getAsJsonObject("device").get("description").getAsString().startsWith("device: CPU"), run.toString());
        Instant.parse(run.get("started").getAsString()); // an ISO-8601 instant
    }

    @Test
    void everyInputFileIsListedWithItsSizeAndTheCrc32cOfItsBytes() throws IOException {
        JsonObject input = afterFirst.getAsJsonArray("runs").get(0).getAsJsonObject().getAsJsonObject("input");
        checkShards(input.getAsJsonArray("training"), "train-");
        checkShards(input.getAsJsonArray("validation"), "validation-");
    }

    @Test
    void theExportedModelCarriesTheProvenanceOfItsStep() throws IOException {
        assertEquals(4, modelAfterFirst.get("exported_at_step").getAsLong());
        JsonObject run = modelAfterFirst.getAsJsonArray("runs").get(0).getAsJsonObject();
        JsonObject checkpointRun = afterFirst.getAsJsonArray("runs").get(0).getAsJsonObject();
        assertEquals(firstArgs, strings(run.getAsJsonArray("command_line")));
        assertEquals(checkpointRun.get("arguments"), run.get("arguments"));
        assertEquals(checkpointRun.get("build"), run.get("build"));
        // Exported at the last step, after the job waited for its hashes: all of them are in.
        assertEquals(checkpointRun.get("input"), run.get("input"));
        checkShards(run.getAsJsonObject("input").getAsJsonArray("training"), "train-");
        // The model is exported before the checkpoint of the same step is saved.
        assertEquals(List.of(2L), longs(run.getAsJsonArray("checkpoint_steps")));
        assertTrue(Files.isRegularFile(jobDir.resolve("model/assets.extra/imgcls_model.json")));
    }

    @Test
    void inspectPrintsTheProvenance() {
        CommandRun checkpoints = CommandRun.of("inspect", jobDir.resolve("checkpoints").toString());
        assertEquals(0, checkpoints.status(), checkpoints.toString());
        assertTrue(checkpoints.out().contains("provenance (" + jobDir.resolve("checkpoints/provenance.json") + "):"), checkpoints.out());
        assertTrue(checkpoints.out().contains("  seed 23, "), checkpoints.out());
        assertTrue(checkpoints.out().contains("command line: " + String.join(" ", firstArgs)), checkpoints.out());
        assertTrue(checkpoints.out().contains("input: 2 training files (") && checkpoints.out().contains("all hashed"), checkpoints.out());

        CommandRun model = CommandRun.of("inspect", jobDir.resolve("model").toString());
        assertEquals(0, model.status(), model.toString());
        assertTrue(model.out().contains("signature_def['serving_default']"), model.out());
        assertTrue(model.out().contains("model exported at step 4"), model.out());
    }

    @Test
    void aResumedRunIsAddedAndTheFirstKept() throws IOException {
        Path copy = tmp.resolve("resumed");
        copyTree(jobDir, copy);
        List<String> args = new ArrayList<>(firstArgs.stream().map(a -> a.replace(jobDir.toString(), copy.toString())).toList());
        args.set(args.indexOf("--max_steps=4"), "--max_steps");
        args.add(args.indexOf("--max_steps") + 1, "6");
        JsonObject before = json(copy.resolve("checkpoints/provenance.json"));
        String out = train(args);
        assertTrue(out.contains("resuming from " + copy.resolve("checkpoints/model.ckpt-4")), out);

        JsonObject after = json(copy.resolve("checkpoints/provenance.json"));
        JsonArray runs = after.getAsJsonArray("runs");
        assertEquals(2, runs.size(), after.toString());
        assertEquals(before.getAsJsonArray("runs").get(0), runs.get(0), "the first run's record is kept as it was");
        JsonObject second = runs.get(1).getAsJsonObject();
        assertEquals(args, strings(second.getAsJsonArray("command_line")), "the command line exactly as given: --max_steps 6");
        assertEquals("6", second.getAsJsonObject("arguments").get("max_steps").getAsString());
        assertEquals(4, second.get("start_step").getAsLong());
        assertEquals(List.of(6L), longs(second.getAsJsonArray("checkpoint_steps")));
        assertEquals(23, second.get("seed").getAsLong());
        checkShards(second.getAsJsonObject("input").getAsJsonArray("training"), "train-");
        checkShards(second.getAsJsonObject("input").getAsJsonArray("validation"), "validation-");
    }

    private static String train(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = TrainCommand.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
        CommandRun run = new CommandRun(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        assertEquals(0, status, run.toString());
        return run.out();
    }

    /** The shards are exactly the data directory's files of that split, each with its size and CRC32C as GCS spells it. */
    private static void checkShards(JsonArray shards, String prefix) throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(tmp.resolve("data"))) {
            files = list.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().toList();
        }
        assertEquals(2, files.size());
        assertEquals(files.size(), shards.size(), shards.toString());
        for (int i = 0; i < files.size(); i++) {
            JsonObject shard = shards.get(i).getAsJsonObject();
            byte[] bytes = Files.readAllBytes(files.get(i));
            assertEquals(files.get(i).toString(), shard.get("path").getAsString());
            assertEquals(bytes.length, shard.get("size").getAsLong());
            assertEquals(crc32c(bytes), shard.get("crc32c").getAsString(), shard.toString());
            assertTrue(shard.has("modified") && !shard.has("status") && !shard.has("error"), shard.toString());
        }
    }

    /** Base64 of the big-endian CRC32C, as {@code gsutil hash -c} prints it. */
    private static String crc32c(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static JsonObject json(Path file) throws IOException {
        assertTrue(Files.isRegularFile(file), file + " is written");
        return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
    }

    private static List<String> strings(JsonArray a) {
        List<String> values = new ArrayList<>();
        for (JsonElement e : a) {
            values.add(e.getAsString());
        }
        return values;
    }

    private static List<Long> longs(JsonArray a) {
        List<Long> values = new ArrayList<>();
        for (JsonElement e : a) {
            values.add(e.getAsLong());
        }
        return values;
    }

    /** The commit of the checkout the tests run in, or null outside one (then the build recorded "unknown"). */
    private static String gitHead() throws IOException, InterruptedException {
        try {
            Process git = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
            String text = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return git.waitFor() == 0 && text.matches("[0-9a-f]{40}") ? text : null;
        } catch (IOException e) {
            return null; // no git here
        }
    }

    /** Copies a job directory, links kept as links (model/ points into .model.versions/). */
    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isSymbolicLink(p)) {
                    Files.createSymbolicLink(target, Files.readSymbolicLink(p));
                } else if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}

package dev.imgcls.train.command;

import dev.imgcls.train.cli.ArgumentException;
import dev.imgcls.train.cli.ParsedArguments;
import dev.imgcls.train.cli.TrainingArguments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Keeps deploy/'s launch files honest without a cluster: the imgcls command line each manifest runs is
 * one the trainer accepts, every /opt/imgcls path they name is a file deploy/Dockerfile copies from the
 * repository, and the Vertex AI entry point turns a CLUSTER_SPEC into the mpirun command it should (dry run).
 */
class DeployManifestsTest {
    private static final Path ROOT = repositoryRoot();
    private static final List<String> MANIFESTS = List.of("deploy/kubernetes/mpijob-cpu.yaml", "deploy/kubernetes/jobset-gpu.yaml",
            "deploy/vertex/custom-job.yaml");
    /** A YAML block-list item {@code - train}: the imgcls command word; the trainer's flags follow, one item each. */
    private static final Pattern TRAIN_ITEM = Pattern.compile("^(\\s*)- train\\s*(#.*)?$");
    private static final Pattern IMAGE_PATH = Pattern.compile("/opt/imgcls/[\\w./-]+");
    private static final String ENTRY_POINT = "deploy/vertex/entrypoint.sh";

    @Test
    void everyManifestRunsATrainCommandTheTrainerAccepts() throws IOException {
        for (String manifest : MANIFESTS) {
            List<String> args = trainArguments(manifest);
            assertTrue(args.size() >= 3, manifest + ": found only " + args);
            for (String a : args) {
                assertTrue(a.startsWith("--") && a.contains("="), manifest + ": write each flag as one item --name=value, got " + a);
            }
            try {
                assertInstanceOf(ParsedArguments.Run.class, TrainingArguments.parse(args.toArray(String[]::new)), manifest);
            } catch (ArgumentException e) {
                fail(manifest + ": the trainer refuses its arguments: " + e.problems());
            }
        }
    }

    @Test
    void thePathsTheManifestsRunAreFilesTheImageHolds() throws IOException {
        Map<String, String> image = dockerfileCopies();
        for (Map.Entry<String, String> copy : image.entrySet()) {
            String source = copy.getValue();
            // The jar is a build output: bin/imgcls must look for it where the image puts it.
            if (source.equals("train/target/imgcls.jar")) {
                assertTrue(read("train/pom.xml").contains("<finalName>imgcls</finalName>"), "the shade plugin no longer writes train/target/imgcls.jar");
                assertTrue(read("bin/imgcls").contains("$here/../train/target/imgcls.jar"), "bin/imgcls no longer runs ../train/target/imgcls.jar");
                assertEquals("/opt/imgcls/train/target/imgcls.jar", copy.getKey());
            } else {
                assertTrue(Files.isRegularFile(ROOT.resolve(source)), "deploy/Dockerfile copies " + source + ", which is not in the repository");
            }
        }
        for (String manifest : MANIFESTS) {
            Matcher m = IMAGE_PATH.matcher(read(manifest));
            int named = 0;
            while (m.find()) {
                named++;
                assertTrue(image.containsKey(m.group()), manifest + " runs " + m.group() + ", which deploy/Dockerfile does not put there: " + image.keySet());
            }
            assertTrue(named > 0, manifest + " names no program in the image");
        }
        assertTrue(Files.isExecutable(ROOT.resolve(ENTRY_POINT)), ENTRY_POINT + " lost its executable bit");
    }

    @Test
    void vertexPrimaryRunsMpirunOverTheClusterSpecHosts(@TempDir Path tmp) throws IOException, InterruptedException {
        DryRun run = dryRun(tmp, clusterSpec("workerpool0", 0), "train", "--job-dir=gs://bucket/job");
        assertEquals(0, run.exitCode(), run.output());
        String out = run.output();
        assertTrue(out.contains(lines("/usr/sbin/sshd", "-e", "-p", "2222") + "would run:"), "the primary's own sshd (background): " + out);
        assertTrue(out.contains(lines("mpirun", "--allow-run-as-root", "-np", "3", "--host",
                "cmle-training-workerpool0-ab-0:1,cmle-training-workerpool1-ab-0:1,cmle-training-workerpool1-ab-1:1", "--bind-to", "none")), out);
        assertTrue(out.contains(lines("-x", "CLOUD_ML_TRIAL_ID", "/opt/imgcls/bin/imgcls", "train", "--job-dir=gs://bucket/job")), out);
        String sshConfig = Files.readString(tmp.resolve("imgcls-vertex-ssh_config"));
        for (String host : List.of("cmle-training-workerpool0-ab-0", "cmle-training-workerpool1-ab-0", "cmle-training-workerpool1-ab-1")) {
            assertTrue(sshConfig.contains("Host " + host + "\n    Port 2222\n"), sshConfig);
        }
    }

    @Test
    void vertexWorkersServeSshAndOtherPoolsLeave(@TempDir Path tmp) throws IOException, InterruptedException {
        DryRun worker = dryRun(tmp, clusterSpec("workerpool1", 1), "train");
        assertEquals(0, worker.exitCode(), worker.output());
        assertEquals("would run:\n" + lines("/usr/sbin/sshd", "-e", "-p", "2222", "-D"), worker.output());
        DryRun evaluator = dryRun(tmp, clusterSpec("workerpool3", 0), "train");
        assertEquals(0, evaluator.exitCode(), evaluator.output());
        assertTrue(evaluator.output().contains("workerpool3[0] has nothing to do"), evaluator.output());
        DryRun missing = dryRun(tmp, null, "train");
        assertEquals(2, missing.exitCode(), missing.output());
        assertTrue(missing.output().contains("CLUSTER_SPEC is not set"), missing.output());
    }

    /** The items after {@code - train} in the one block list of the manifest that runs the trainer. */
    private static List<String> trainArguments(String manifest) throws IOException {
        List<String> lines = read(manifest).lines().toList();
        List<String> args = new ArrayList<>();
        int found = 0;
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = TRAIN_ITEM.matcher(lines.get(i));
            if (!m.matches()) {
                continue;
            }
            found++;
            String item = m.group(1) + "- ";
            for (int j = i + 1; j < lines.size() && lines.get(j).startsWith(item); j++) {
                String value = lines.get(j).substring(item.length());
                int comment = value.indexOf(" #");
                args.add((comment < 0 ? value : value.substring(0, comment)).strip());
            }
        }
        assertEquals(1, found, manifest + " should run imgcls train once, as a block list with one item per argument");
        return args;
    }

    /** Destination in the image to source in the repository, from deploy/Dockerfile's COPY lines. */
    private static Map<String, String> dockerfileCopies() throws IOException {
        Map<String, String> copies = new LinkedHashMap<>();
        for (String line : read("deploy/Dockerfile").lines().toList()) {
            if (!line.startsWith("COPY ")) {
                continue;
            }
            String[] words = line.substring("COPY ".length()).trim().split("\\s+");
            String destination = words[words.length - 1];
            for (int i = 0; i < words.length - 1; i++) {
                String source = words[i];
                copies.put(destination.endsWith("/") ? destination + source.substring(source.lastIndexOf('/') + 1) : destination, source);
            }
        }
        assertFalse(copies.isEmpty(), "deploy/Dockerfile copies nothing");
        return copies;
    }

    /**
     * Vertex AI's CLUSTER_SPEC in the shape its distributed-training page documents
     * (cloud.google.com/vertex-ai/docs/training/distributed-training): one primary, two workers, a
     * parameter server and an evaluator, each listed as host:port.
     */
    private static String clusterSpec(String type, int index) {
        return """
                {
                   "cluster":{
                      "workerpool0":["cmle-training-workerpool0-ab-0:2222"],
                      "workerpool1":["cmle-training-workerpool1-ab-0:2222", "cmle-training-workerpool1-ab-1:2222"],
                      "workerpool2":["cmle-training-workerpool2-ab-0:2222"],
                      "workerpool3":["cmle-training-workerpool3-ab-0:2222"]
                   },
                   "environment":"cloud",
                   "task":{
                      "type":"%s",
                      "index":%d
                   }
                }
                """.formatted(type, index);
    }

    private record DryRun(int exitCode, String output) {
    }

    /** Runs the entry point with IMGCLS_DRY_RUN=1 (it prints what it would run) and the given CLUSTER_SPEC (null: unset). */
    private static DryRun dryRun(Path tmp, String clusterSpec, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("bash", ROOT.resolve(ENTRY_POINT).toString()));
        cmd.addAll(List.of(args));
        Path log = Files.createTempFile(tmp, "entrypoint", ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        List.of("CLUSTER_SPEC", "CLOUD_ML_HP_METRIC_FILE", "IMGCLS_JAVA_OPTS", "IMGCLS_VERBOSE", "IMGCLS_DEBUG", "IMGCLS_MPIRUN_ARGS")
                .forEach(env::remove);
        if (clusterSpec != null) {
            env.put("CLUSTER_SPEC", clusterSpec);
        }
        env.put("CLOUD_ML_TRIAL_ID", "7");
        env.put("IMGCLS_DRY_RUN", "1");
        env.put("TMPDIR", tmp.toString());
        Process p = pb.start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            fail(ENTRY_POINT + " did not finish its dry run within 30 s: " + Files.readString(log));
        }
        return new DryRun(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    /** The dry run's listing of these arguments, one a line. */
    private static String lines(String... args) {
        StringBuilder sb = new StringBuilder();
        for (String a : args) {
            sb.append("    ").append(a).append('\n');
        }
        return sb.toString();
    }

    private static String read(String relative) throws IOException {
        return Files.readString(ROOT.resolve(relative), StandardCharsets.UTF_8);
    }

    /** The checkout: the first directory above the test's working directory (the module) that has deploy/Dockerfile. */
    private static Path repositoryRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("deploy/Dockerfile"))) {
                return p;
            }
        }
        throw new IllegalStateException("no deploy/Dockerfile above " + Path.of("").toAbsolutePath());
    }
}

package dev.imgcls.train.command;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Launches real trainer processes the way a user does, {@code mpirun -np N … imgcls train …}, over
 * loopback and as root where the tests run as root (CI). One JVM per rank runs this test's class path.
 */
final class MpiTrainers {
    private MpiTrainers() {
    }

    /** mpirun's path, or null where Open MPI is not installed (the tests skip with that reason). */
    static String mpirun() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, "mpirun");
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }

    /** The reason a test skips where {@link #mpirun()} is null. */
    static final String NO_MPIRUN = "mpirun not found on PATH (Debian: apt-get install openmpi-bin)";

    /** A started mpirun; its output (every rank's, interleaved) goes to {@code log}. */
    record Launch(Process process, Path log) {
        /** Everything the ranks and mpirun printed so far. */
        String output() throws IOException {
            return Files.readString(log, StandardCharsets.UTF_8);
        }

        /** Kills mpirun and every rank at once with SIGKILL, as a lost machine or the OOM killer would, and waits for mpirun. */
        void killAll() throws InterruptedException {
            List<ProcessHandle> tree = process.descendants().toList();
            process.destroyForcibly();
            tree.forEach(ProcessHandle::destroyForcibly);
            process.waitFor();
        }

        /**
         * Waits for mpirun to end; kills it and its ranks after {@code seconds}.
         *
         * @return whether it ended by itself in time
         */
        boolean await(long seconds) throws InterruptedException {
            boolean done = process.waitFor(seconds, TimeUnit.SECONDS);
            if (!done) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
            }
            return done;
        }

        /** Waits up to {@code seconds} for mpirun to end with status 0 (failing the test otherwise); returns the output. */
        String awaitSuccess(long seconds) throws IOException, InterruptedException {
            boolean done = await(seconds);
            String out = output();
            assertTrue(done, "mpirun still running after " + seconds + " s:\n" + out);
            assertEquals(0, process.exitValue(), out);
            return out;
        }
    }

    /**
     * Starts {@code mpirun -np ranks java … Main train <trainArguments>}; each rank gets a 1 GiB heap.
     * Launch settings from the test's own environment (TF_CONFIG, CLUSTER_SPEC, the hypertune
     * variables) are removed so only mpirun tells the ranks who they are.
     */
    static Launch start(String mpirun, int ranks, Path log, List<String> trainArguments) throws IOException {
        return start(mpirun, ranks, log, Map.of(), trainArguments);
    }

    /** As {@link #start(String, int, Path, List)}, with {@code environment} added to every rank's (e.g. IMGCLS_VERBOSE=1). */
    static Launch start(String mpirun, int ranks, Path log, Map<String, String> environment, List<String> trainArguments) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(mpirun, "--allow-run-as-root", "--oversubscribe", "--bind-to", "none",
                "--mca", "btl", "self,tcp", "--mca", "btl_tcp_if_include", "lo", "--mca", "oob_tcp_if_include", "lo", "-np",
                Integer.toString(ranks), Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--add-modules=jdk.incubator.vector",
                "-Xmx1g", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), "dev.imgcls.train.command.Main", "train"));
        cmd.addAll(trainArguments);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("OMPI_ALLOW_RUN_AS_ROOT", "1");
        pb.environment().put("OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "1");
        List.of("TF_CONFIG", "CLUSTER_SPEC", "CLOUD_ML_HP_METRIC_FILE", "CLOUD_ML_TRIAL_ID", "MASTER_ADDR", "WORLD_SIZE", "RANK")
                .forEach(pb.environment()::remove);
        pb.environment().putAll(environment);
        return new Launch(pb.start(), log);
    }
}

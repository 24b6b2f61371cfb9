package dev.imgcls.train.command;

import dev.imgcls.train.demo.PatternDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code mpirun -np 2 … imgcls train}: two real trainer processes find their ranks from mpirun's
 * environment, meet through Open MPI and train one job, the chief writing it. Skipped with the
 * reason where mpirun is not installed ({@code .ci/run} installs openmpi-bin).
 */
class MpiTrainCommandTest {
    private static final long BOUND_SECONDS = 300;

    @TempDir
    Path tmp;

    @Test
    void twoRanksUnderMpirunTrainOneJob() throws IOException, InterruptedException {
        String mpirun = onPath("mpirun");
        assumeTrue(mpirun != null, "mpirun not found on PATH (Debian: apt-get install openmpi-bin)");
        PatternDataset.Written data = PatternDataset.write(tmp.resolve("data"), 8, 24, 2, 5);
        Path job = tmp.resolve("job");
        List<String> cmd = new ArrayList<>(List.of(mpirun, "--allow-run-as-root", "--oversubscribe", "--bind-to", "none",
                "--mca", "btl", "self,tcp", "--mca", "btl_tcp_if_include", "lo", "--mca", "oob_tcp_if_include", "lo", "-np", "2",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--add-modules=jdk.incubator.vector",
                "-Xmx1g", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), "dev.imgcls.train.command.Main", "train",
                "--training_data_path=" + data.trainingPattern(), "--validation_data_path=" + data.validationPattern(),
                "--job-dir=" + job, "--num_classes=" + data.numClasses(), "--max_steps=3", "--train_batch_size=8",
                "--image_size=32", "--model_type=resnet-18", "--eval_every_steps=3", "--seed=17", "--data_sharding=batches",
                "--threads=1", "--device=cpu"));
        Path log = tmp.resolve("mpirun.log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("OMPI_ALLOW_RUN_AS_ROOT", "1");
        pb.environment().put("OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "1");
        List.of("TF_CONFIG", "CLUSTER_SPEC", "CLOUD_ML_HP_METRIC_FILE", "CLOUD_ML_TRIAL_ID").forEach(pb.environment()::remove);
        Process p = pb.start();
        boolean done = p.waitFor(BOUND_SECONDS, TimeUnit.SECONDS);
        if (!done) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor();
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(done, "mpirun still running after " + BOUND_SECONDS + " s:\n" + out);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("ranks: rank 0 of 2") && out.contains("ranks: rank 1 of 2"), "each rank names its rank:\n" + out);
        assertTrue(out.contains("Open MPI"), "the engine is named:\n" + out);
        assertTrue(Files.exists(job.resolve("checkpoints/model.ckpt-3.index")), "the chief checkpoints:\n" + out);
        assertTrue(Files.exists(job.resolve("final_metrics.json")), "the chief writes the final metrics:\n" + out);
    }

    private static String onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }
}

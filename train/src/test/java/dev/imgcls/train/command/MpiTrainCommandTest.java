package dev.imgcls.train.command;

import dev.imgcls.train.demo.PatternDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
        String mpirun = MpiTrainers.mpirun();
        assumeTrue(mpirun != null, MpiTrainers.NO_MPIRUN);
        PatternDataset.Written data = PatternDataset.write(tmp.resolve("data"), 8, 24, 2, 5);
        Path job = tmp.resolve("job");
        MpiTrainers.Launch launch = MpiTrainers.start(mpirun, 2, tmp.resolve("mpirun.log"), List.of(
                "--training_data_path=" + data.trainingPattern(), "--validation_data_path=" + data.validationPattern(),
                "--job-dir=" + job, "--num_classes=" + data.numClasses(), "--max_steps=3", "--train_batch_size=8",
                "--image_size=32", "--model_type=resnet-18", "--eval_every_steps=3", "--seed=17", "--data_sharding=batches",
                "--threads=1", "--device=cpu"));
        String out = launch.awaitSuccess(BOUND_SECONDS);
        assertTrue(out.contains("ranks: rank 0 of 2") && out.contains("ranks: rank 1 of 2"), "each rank names its rank:\n" + out);
        assertTrue(out.contains("Open MPI"), "the engine is named:\n" + out);
        assertTrue(out.matches("(?s).*rank 0 of 2: all-reduce took [0-9.]+ s of [0-9.]+ s in training steps \\([0-9]+%\\).*"),
                "the chief says how much of the steps went into all-reduce:\n" + out);
        assertTrue(Files.exists(job.resolve("checkpoints/model.ckpt-3.index")), "the chief checkpoints:\n" + out);
        assertTrue(Files.exists(job.resolve("final_metrics.json")), "the chief writes the final metrics:\n" + out);
    }
}

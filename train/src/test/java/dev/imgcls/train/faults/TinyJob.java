package dev.imgcls.train.faults;

import dev.imgcls.train.demo.PatternDataset;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The job every probe runs: a ResNet-18 (the smallest model) on 16×16 crops of three classes for
 * {@value #MAX_STEPS} steps of 4 images, with an evaluation, a checkpoint and usually a model export
 * every {@value #EVAL_EVERY} steps and {@value #KEEP} checkpoints kept — small, but passing through
 * every kind of write a real job makes. One compute thread: the suite shares two cores.
 */
record TinyJob(String trainingPattern, String validationPattern, int numClasses) {
    static final int MAX_STEPS = 6;
    static final int EVAL_EVERY = 2;
    static final int KEEP = 2;

    static TinyJob write(Path dataDir) throws IOException {
        PatternDataset.Written data = PatternDataset.write(dataDir, 3, 16, 32, 2, 31);
        return new TinyJob(data.trainingPattern(), data.validationPattern(), data.numClasses());
    }

    List<String> args(String jobDir) {
        return args(jobDir, trainingPattern, validationPattern);
    }

    /** The same job on other data (the corrupt-input probes). */
    List<String> args(String jobDir, String training, String validation) {
        return new ArrayList<>(List.of("--training_data_path=" + training, "--validation_data_path=" + validation,
                "--job-dir=" + jobDir, "--num_classes=" + numClasses, "--max_steps=" + MAX_STEPS, "--train_batch_size=4",
                "--image_size=16", "--model_type=resnet-18", "--eval_every_steps=" + EVAL_EVERY, "--keep_checkpoints=" + KEEP,
                "--initial_learning_rate=0.02", "--seed=7", "--threads=1"));
    }
}

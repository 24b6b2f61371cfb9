package dev.imgcls.train.loop;

import dev.imgcls.data.pipeline.EvalSize;
import dev.imgcls.data.pipeline.InputPipeline;
import dev.imgcls.data.pipeline.ShardList;
import dev.imgcls.data.tfrecord.Compression;
import dev.imgcls.io.FileSystems;
import dev.imgcls.tensor.spi.Backend;
import dev.imgcls.train.cli.ArgumentException;
import dev.imgcls.train.cli.DeviceChoice;
import dev.imgcls.train.cli.TrainingConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks a job makes on its data and surroundings before it builds a model, each failure one
 * line naming the flag: training and validation patterns that match no file, {@code
 * num_eval_images} beyond the validation set (or less than one batch), a validation set smaller
 * than one batch of {@code --train_batch_size}, a {@code --job-dir} that is a file, a GPU asked
 * for where there is none. (Labels outside {@code num_classes} are found by the
 * input pipeline on the first batch that holds one, and stop the job with the record's location.)
 */
final class Preflight {
    private Preflight() {
    }

    /** What the checks learnt: the validation record count and the batches of one evaluation. */
    record Data(long validationRecords, long evalBatches, int trainingFiles) {
    }

    /** The path itself or the nearest folder above it that exists, when that is a file (nothing can be created there). */
    private static Path fileOnPath(Path path) {
        for (Path p = path; p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                return Files.isRegularFile(p) ? p : null;
            }
        }
        return null;
    }

    /** @param backends what {@code --device=gpu} is checked against (normally {@code Backends.all()}) */
    static Data check(TrainingConfig config, FileSystems fileSystems, List<Backend> backends) throws IOException {
        List<String> problems = new ArrayList<>();
        int trainingFiles = 0;
        try {
            trainingFiles = ShardList.expand(List.of(config.trainingDataPath()), fileSystems).size();
        } catch (NoSuchFileException e) {
            problems.add("--training_data_path=" + config.trainingDataPath() + " matches no file");
        }
        long records = -1;
        long evalBatches = 0;
        try {
            records = InputPipeline.countRecords(List.of(config.validationDataPath()), Compression.NONE, fileSystems);
        } catch (NoSuchFileException e) {
            problems.add("--validation_data_path=" + config.validationDataPath() + " matches no file");
        }
        if (records >= 0 && config.numEvalImages() == 0 && records < config.trainBatchSize()) {
            // --num_eval_images was left at "all": the batch size is what does not fit.
            problems.add("--validation_data_path=" + config.validationDataPath() + " holds " + records + " images, fewer than one batch of"
                    + " --train_batch_size=" + config.trainBatchSize() + " (evaluation uses full batches of that size only); "
                    + (records == 0 ? "add validation images" : "lower --train_batch_size to " + records + " or less, or add validation images"));
        } else if (records >= 0) {
            try {
                evalBatches = EvalSize.batches(config.numEvalImages(), config.trainBatchSize(), records);
            } catch (IllegalArgumentException e) {
                problems.add("--num_eval_images: " + e.getMessage());
            }
        }
        if (!config.jobDir().startsWith("gs://")) {
            Path file = fileOnPath(Path.of(config.jobDir()));
            if (file != null) {
                problems.add("--job-dir=" + config.jobDir() + (file.equals(Path.of(config.jobDir())) ? " is a file, not a directory"
                        : " is inside " + file + ", which is a file, not a directory") + "; choose another --job-dir");
            }
        }
        if (config.device() == DeviceChoice.GPU) {
            try {
                DeviceSelection.resolve(config.device(), backends);
            } catch (ArgumentException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new ArgumentException(problems);
        }
        return new Data(records, evalBatches, trainingFiles);
    }
}

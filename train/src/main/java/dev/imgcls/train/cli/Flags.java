package dev.imgcls.train.cli;

import dev.imgcls.nn.ModelFactory;
import dev.imgcls.train.cli.Flag.Group;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.imgcls.train.cli.ValueSyntax.formatDouble;

/** The table of every flag, in the reference page's order followed by this trainer's own. */
final class Flags {
    private Flags() {
    }

    // ---- the reference page ------------------------------------------------------------------

    static final Flag TRAINING_DATA_PATH = Flag.required("training_data_path", "PATTERN", Group.DATA,
            "TFRecord files of tf.Examples to train on: a path or glob (*, ?, [a-z]), local or gs://",
            TrainingConfig::trainingDataPath);
    static final Flag VALIDATION_DATA_PATH = Flag.required("validation_data_path", "PATTERN", Group.DATA,
            "TFRecord files to evaluate on, same rules", TrainingConfig::validationDataPath);
    static final Flag JOB_DIR = Flag.required("job-dir", "DIR", Group.DATA,
            "where model/ (the best SavedModel), checkpoints/ and event files go; also --job_dir",
            TrainingConfig::jobDir).withAlias("job_dir");

    static final Flag NUM_CLASSES = Flag.required("num_classes", "N", Group.BASIC,
            "number of classes; labels are in [label_base, label_base + num_classes - 1]",
            c -> Integer.toString(c.numClasses()));
    static final Flag MAX_STEPS = Flag.required("max_steps", "N", Group.BASIC,
            "training steps; the job ends after step max_steps (resuming past it only evaluates)",
            c -> Long.toString(c.maxSteps()));
    static final Flag TRAIN_BATCH_SIZE = Flag.optional("train_batch_size", "N", "32", Group.BASIC,
            "images per training step; too large runs out of memory", c -> Integer.toString(c.trainBatchSize()));
    static final Flag NUM_EVAL_IMAGES = Flag.optional("num_eval_images", "N", "0", Group.BASIC,
            "validation images per evaluation; 0 = all of validation_data_path", c -> Long.toString(c.numEvalImages()));
    static final Flag PRETRAINED_CHECKPOINT_PATH = Flag.optional("pretrained_checkpoint_path", "PATH", null, Group.BASIC,
            "TF checkpoint to start from (variables of matching name and shape are loaded; a head of another size is not)",
            c -> c.pretrainedCheckpointPath() == null ? "" : c.pretrainedCheckpointPath());

    static final Flag LEARNING_RATE_DECAY_TYPE = Flag.optional("learning_rate_decay_type", "cosine|stepwise", "cosine",
            Group.LEARNING_RATE, "after warm-up: cosine decay to 0 at max_steps, or stepwise levels",
            c -> c.learningRateDecayType().id());
    static final Flag WARMUP_LEARNING_RATE = Flag.optional("warmup_learning_rate", "RATE", "0", Group.LEARNING_RATE,
            "learning rate at step 0, rising linearly to initial_learning_rate over warmup_steps",
            c -> formatDouble(c.warmupLearningRate()));
    static final Flag WARMUP_STEPS = Flag.optional("warmup_steps", "N", "0", Group.LEARNING_RATE,
            "length of the warm-up in steps; 0 = none", c -> Long.toString(c.warmupSteps()));
    static final Flag INITIAL_LEARNING_RATE = Flag.optional("initial_learning_rate", "RATE", "0.0001", Group.LEARNING_RATE,
            "learning rate when the warm-up ends", c -> formatDouble(c.initialLearningRate()));
    static final Flag STEPWISE_LEARNING_RATE_STEPS = Flag.optional("stepwise_learning_rate_steps", "S1,S2,...", "100,200",
            Group.LEARNING_RATE, "stepwise only: strictly increasing steps at which the rate changes",
            c -> c.stepwiseLearningRateSteps().stream().map(String::valueOf).collect(Collectors.joining(",")));
    static final Flag STEPWISE_LEARNING_RATE_LEVELS = Flag.optional("stepwise_learning_rate_levels", "R1,R2,...", "0.008,0.0008",
            Group.LEARNING_RATE, "stepwise only: the rate from each of those steps on (one per step)",
            c -> c.stepwiseLearningRateLevels().stream().map(ValueSyntax::formatDouble).collect(Collectors.joining(",")));

    static final Flag OPTIMIZER_TYPE = Flag.optional("optimizer_type", "momentum|adam|rmsprop", "momentum", Group.OPTIMIZER,
            "TF1 optimizer", c -> c.optimizerType().id());
    static final Flag OPTIMIZER_ARGUMENTS = Flag.optional("optimizer_arguments", "K=V,...", "", Group.OPTIMIZER,
            "optimizer hyperparameters with TF1 names and defaults: momentum: momentum=0.9, use_nesterov=false; "
                    + "adam: beta1=0.9, beta2=0.999, epsilon=1e-08 (beta_1/beta_2 also accepted); "
                    + "rmsprop: decay=0.9, momentum=0.0, epsilon=1e-10, centered=false",
            c -> OptimizerArgumentsParser.render(c.optimizer()));

    static final Flag IMAGE_SIZE = Flag.optional("image_size", "N", "224", Group.MODEL,
            "width and height of the network input", c -> Integer.toString(c.imageSize()));
    static final Flag MODEL_TYPE = Flag.optional("model_type", "NAME", "efficientnet-b0", Group.MODEL,
            "one of " + String.join(", ", ModelFactory.MODEL_TYPES)
                    + "; the default is the smallest EfficientNet, whose native resolution is the default image_size",
            TrainingConfig::modelType);
    static final Flag LABEL_SMOOTHING = Flag.optional("label_smoothing", "LS", "0", Group.MODEL,
            "in [0, 1): targets become onehot*(1-LS) + LS/num_classes", c -> formatDouble(c.labelSmoothing()));
    static final Flag WEIGHT_DECAY = Flag.optional("weight_decay", "WD", "0.0001", Group.MODEL,
            ">= 0: loss = cross_entropy + WD * sum of l2_loss over kernels and dense biases", c -> formatDouble(c.weightDecay()));

    // ---- this trainer's own ------------------------------------------------------------------

    static final Flag LABEL_BASE = Flag.optional("label_base", "0|1", "0", Group.TRAINER,
            "first label value: 0 as the reference page says, 1 for Google's later docs and TPU converters",
            c -> Integer.toString(c.labelBase()));
    static final Flag SEED = Flag.optional("seed", "N", "0", Group.TRAINER,
            "seed of initialisation, shuffling and augmentation: the same arguments give the same run",
            c -> Long.toString(c.seed()));
    static final Flag EVAL_EVERY_STEPS = Flag.optional("eval_every_steps", "N", "0", Group.TRAINER,
            "steps between evaluations (and best-model exports); 0 = max_steps/10 rounded up, so about ten; "
                    + "the last step is always evaluated", c -> Long.toString(c.evalEverySteps()));
    static final Flag CHECKPOINT_EVERY_STEPS = Flag.optional("checkpoint_every_steps", "N", "0", Group.TRAINER,
            "steps between checkpoints; 0 = at every evaluation; the last step is always saved",
            c -> Long.toString(c.checkpointEverySteps()));
    static final Flag KEEP_CHECKPOINTS = Flag.optional("keep_checkpoints", "N", "5", Group.TRAINER,
            "newest checkpoints kept in checkpoints/ (TF Saver's default)", c -> Integer.toString(c.keepCheckpoints()));
    static final Flag DEVICE = Flag.optional("device", "cpu|gpu|auto", "auto", Group.TRAINER,
            "where to train: auto uses a usable GPU, else the CPU; gpu fails if none can be used",
            c -> c.device().flagValue());
    static final Flag THREADS = Flag.optional("threads", "N", "0", Group.TRAINER,
            "CPU threads for compute and image decoding; 0 = all cores (the rule of every command's --threads)", c -> Integer.toString(c.threads()));
    static final Flag SKIP_BAD_IMAGES = Flag.bool("skip_bad_images", false, Group.TRAINER,
            "skip (and count) records whose image cannot be decoded, in the training and the validation data; "
                    + "without it one stops the job, as in TF1",
            c -> Boolean.toString(c.skipBadImages()));

    static final Flag EVAL_CROP_PADDING = Flag.optional("eval_crop_padding", "N", "32", Group.TRAINER,
            "the evaluation (and serving) crop keeps image_size/(image_size+N) of each picture's shorter side, centred, as the reference "
                    + "with 32; for pictures about image_size or smaller, 0 keeps the whole (largest centred square) picture",
            c -> Integer.toString(c.evalCropPadding()));
    static final Flag MIN_CROP_AREA = Flag.optional("min_crop_area", "F", "0.08", Group.TRAINER,
            "in (0, 1]: the least fraction of a picture the random training crop keeps (the reference's 0.08 suits large photos); "
                    + "for small pictures about 0.5, or 1 for no random crop (flips only)",
            c -> formatDouble(c.minCropArea()));
    static final Flag MOVING_AVERAGE_DECAY = Flag.optional("moving_average_decay", "D", "0.9999 for efficientnet-*, 0 for resnet-*",
            Group.TRAINER, "in [0, 1): evaluate and export an exponential moving average of the weights and batch-norm statistics, "
                    + "as the reference's EfficientNet training (TF's ExponentialMovingAverage(D, num_updates=global_step)); "
                    + "0 = off, the raw weights", c -> formatDouble(c.movingAverageDecay()));

    static final Flag DATA_SHARDING = Flag.optional("data_sharding", "files|batches", "files", Group.TRAINER,
            "with several ranks (mpirun, TF_CONFIG, ...): files gives each rank its own share of the training files; "
                    + "batches has every rank read all records and decode its slice of each batch, computing what one process would",
            c -> c.dataSharding().flagValue());
    static final Flag SYNC_BATCH_NORM = Flag.bool("sync_batch_norm", false, Group.TRAINER,
            "with several ranks: batch norm takes its statistics over the whole global batch (summed over the ranks in every layer, "
                    + "as the reference's TPU batch norm), so N ranks train as one process does; without it each rank normalises "
                    + "with its own slice's statistics, which is faster but changes training with the rank count",
            c -> Boolean.toString(c.syncBatchNorm()));
    static final Flag COLLECTIVE_TIMEOUT_S = Flag.optional("collective_timeout_s", "SECONDS", "600", Group.TRAINER,
            "with several ranks: how long one all-reduce or broadcast waits for the other ranks before this rank stops with an error "
                    + "(longer than a checkpoint save or model export, which the other ranks wait for)",
            c -> Integer.toString(c.collectiveTimeoutSeconds()));

    static final List<Flag> ALL = List.of(
            TRAINING_DATA_PATH, VALIDATION_DATA_PATH, JOB_DIR,
            NUM_CLASSES, MAX_STEPS, TRAIN_BATCH_SIZE, NUM_EVAL_IMAGES, PRETRAINED_CHECKPOINT_PATH,
            LEARNING_RATE_DECAY_TYPE, WARMUP_LEARNING_RATE, WARMUP_STEPS, INITIAL_LEARNING_RATE,
            STEPWISE_LEARNING_RATE_STEPS, STEPWISE_LEARNING_RATE_LEVELS,
            OPTIMIZER_TYPE, OPTIMIZER_ARGUMENTS,
            IMAGE_SIZE, MODEL_TYPE, LABEL_SMOOTHING, WEIGHT_DECAY,
            LABEL_BASE, SEED, EVAL_EVERY_STEPS, CHECKPOINT_EVERY_STEPS, KEEP_CHECKPOINTS, DEVICE, THREADS, SKIP_BAD_IMAGES,
            EVAL_CROP_PADDING, MIN_CROP_AREA, MOVING_AVERAGE_DECAY, DATA_SHARDING, SYNC_BATCH_NORM, COLLECTIVE_TIMEOUT_S);

    /** Every accepted spelling (names and aliases) to its flag. */
    static final Map<String, Flag> BY_SPELLING = spellings();

    /** The spellings of {@link #ALL}, for {@link CommandLine}. */
    static final List<FlagSpec> SPECS = ALL.stream().map(Flag::spec).toList();

    private static Map<String, Flag> spellings() {
        Map<String, Flag> map = new LinkedHashMap<>();
        for (Flag f : ALL) {
            map.put(f.name(), f);
            if (f.alias() != null) {
                map.put(f.alias(), f);
            }
        }
        return Map.copyOf(map);
    }
}

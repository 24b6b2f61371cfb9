package dev.imgcls.train.bench;

import dev.imgcls.nn.ModelFactory;
import dev.imgcls.nn.optim.OptimizerType;
import dev.imgcls.train.cli.ArgumentException;
import dev.imgcls.train.cli.CommandLine;
import dev.imgcls.train.cli.DeviceChoice;
import dev.imgcls.train.cli.FlagSpec;
import dev.imgcls.train.cli.FlagValues;
import dev.imgcls.train.cli.LibraryChoices;

import java.util.List;
import java.util.Locale;

/**
 * The settings of one {@code imgcls bench} run, parsed from its flags by the commands' one
 * parser ({@link CommandLine}). The model, loss and optimizer defaults are the trainer's.
 *
 * @param mode what a step measures: a training step (forward, loss, backward, update) or an inference pass
 * @param data {@code null} for synthetic images, else a TFRecord glob
 * @param threads kernel threads; 0 = all cores (or {@code -Dimgcls.threads}), the rule of every command's {@code --threads}
 * @param profile whether kernels are timed per op (costs two clock reads per op)
 * @param device where the steps run, as the trainer's {@code --device}
 */
public record BenchOptions(BenchMode mode, String modelType, int imageSize, int batchSize, int warmupSteps, int steps, String data,
                           OptimizerType optimizerType, int threads, int numClasses, double learningRate,
                           double weightDecay, double labelSmoothing, long seed, boolean profile, DeviceChoice device) {

    public static final String USAGE = String.join("\n",
            "usage: imgcls bench --model_type=TYPE [options]",
            "Measures training throughput (--mode=train: forward (train mode) + loss + backward + optimizer update per step)",
            "or inference throughput (--mode=infer: eval-mode forward without gradients, logits read to the host, per step).",
            "  --model_type=TYPE          " + String.join(", ", ModelFactory.MODEL_TYPES) + " (required)",
            "  --mode=train|infer         what a step measures (default train); infer preprocesses --data as evaluation does",
            "  --image_size=N             input height and width (default 224)",
            "  --train_batch_size=N       images per step (default 32)",
            "  --warmup_steps=N           untimed steps first (default 2)",
            "  --steps=N                  measured steps (default 10)",
            "  --data=synthetic|GLOB      random images made once (default), or TFRecords read and preprocessed each step",
            "  --optimizer_type=TYPE      momentum (default), adam, rmsprop; train mode only, as the three below",
            "  --threads=N                kernel threads and image decoders (default 0 = all cores; set before any kernel ran in this JVM)",
            "  --num_classes=N            classes of the model and labels (default 1000)",
            "  --initial_learning_rate=R  (default 0.0001)  --weight_decay=WD (default 0.0001)  --label_smoothing=LS (default 0)",
            "  --seed=N                   weights, synthetic data and input order (default 1)",
            "  --profile=true|false       time every kernel per op (default true)",
            "  --device=cpu|gpu|auto      where the steps run, as the trainer's --device (default auto: a usable GPU, else the CPU)",
            "");

    /** The flags of {@code imgcls bench}, spelt as the trainer's where they mean the same. */
    public static final List<FlagSpec> FLAGS = List.of(FlagSpec.value("model_type", "TYPE"), FlagSpec.value("mode", "train|infer"),
            FlagSpec.value("image_size", "N"),
            FlagSpec.value("train_batch_size", "N"), FlagSpec.value("warmup_steps", "N"), FlagSpec.value("steps", "N"),
            FlagSpec.value("data", "synthetic|GLOB"), FlagSpec.value("optimizer_type", "TYPE"), FlagSpec.value("threads", "N"),
            FlagSpec.value("num_classes", "N"), FlagSpec.value("initial_learning_rate", "R"), FlagSpec.value("weight_decay", "WD"),
            FlagSpec.value("label_smoothing", "LS"), FlagSpec.value("seed", "N"), FlagSpec.bool("profile"),
            FlagSpec.value("device", "cpu|gpu|auto"));

    /** Parses the arguments with the commands' one parser; every problem found is reported at once in an {@link ArgumentException}. */
    public static BenchOptions parse(String[] args) {
        return of(new FlagValues(CommandLine.read(args, FLAGS, false)));
    }

    /** Flags about the training update: refused with {@code --mode=infer}, which has none, rather than silently ignored. */
    static final List<String> TRAINING_ONLY = List.of("optimizer_type", "initial_learning_rate", "weight_decay", "label_smoothing");

    /** The options of flag values read by {@link CommandLine}; every problem is reported at once. */
    public static BenchOptions of(FlagValues v) {
        BenchMode mode = BenchMode.of(v.choice("mode", BenchMode.TRAIN.id(), BenchMode.ids()));
        if (mode == BenchMode.INFER) {
            for (String flag : TRAINING_ONLY) {
                if (v.has(flag)) {
                    v.problem("--" + flag + " has no effect with --mode=infer (an inference step has no loss, backward pass or"
                            + " update); drop it, or measure training with --mode=train");
                }
            }
        }
        String modelType = v.text("model_type", null);
        if (modelType == null) {
            v.problem("missing required argument --model_type=TYPE; choose one of " + String.join(", ", ModelFactory.MODEL_TYPES));
        } else {
            modelType = v.choice("model_type", modelType, ModelFactory.MODEL_TYPES);
        }
        int imageSize = v.integerAtLeast("image_size", 224, 8);
        int batch = v.integerAtLeast("train_batch_size", 32, 1);
        int warmup = v.integerAtLeast("warmup_steps", 2, 0);
        int steps = v.integerAtLeast("steps", 10, 1);
        int threads = v.integerAtLeast("threads", 0, 0);
        int numClasses = v.integerAtLeast("num_classes", 1000, 2);
        double lr = v.nonNegative("initial_learning_rate", 0.0001);
        double wd = v.nonNegative("weight_decay", 0.0001);
        double ls = v.nonNegative("label_smoothing", 0);
        if (ls > 1) {
            v.problem("--label_smoothing must be in [0, 1], got " + ls);
        }
        long seed = v.longInteger("seed", 1);
        OptimizerType optimizer = OptimizerType.MOMENTUM;
        if (v.has("optimizer_type")) {
            try {
                optimizer = LibraryChoices.optimizerType(v.text("optimizer_type", null));
            } catch (IllegalArgumentException e) {
                v.problem("--optimizer_type: " + e.getMessage());
            }
        }
        String data = v.text("data", "synthetic");
        if (data.isBlank()) {
            v.problem("--data must be 'synthetic' or a TFRecord file pattern");
        }
        boolean profile = v.bool("profile", true);
        String deviceName = v.choice("device", "auto", List.of("cpu", "gpu", "auto"));
        v.throwIfAny();
        return new BenchOptions(mode, modelType, imageSize, batch, warmup, steps, data.equals("synthetic") ? null : data, optimizer,
                threads, numClasses, lr, wd, ls, seed, profile, DeviceChoice.valueOf(deviceName.toUpperCase(Locale.ROOT)));
    }

    public boolean training() {
        return mode == BenchMode.TRAIN;
    }

    public boolean synthetic() {
        return data == null;
    }
}

package dev.imgcls.train.bench;

import dev.imgcls.nn.ModelFactory;
import dev.imgcls.nn.optim.OptimizerType;
import dev.imgcls.train.cli.ArgumentException;
import dev.imgcls.train.cli.DeviceChoice;
import dev.imgcls.train.cli.LibraryChoices;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The settings of one {@code imgcls bench} run, parsed from {@code --name=value} or
 * {@code --name value} arguments. The model, loss and optimizer defaults are the trainer's.
 *
 * @param data {@code null} for synthetic images, else a TFRecord glob
 * @param threads kernel threads; 0 = the CPU backend's default (all cores or {@code -Dimgcls.threads})
 * @param profile whether kernels are timed per op (costs two clock reads per op)
 * @param device where the steps run, as the trainer's {@code --device}
 */
public record BenchOptions(String modelType, int imageSize, int batchSize, int warmupSteps, int steps, String data,
                           OptimizerType optimizerType, int threads, int numClasses, double learningRate,
                           double weightDecay, double labelSmoothing, long seed, boolean profile, DeviceChoice device) {

    static final String USAGE = String.join("\n",
            "usage: imgcls bench --model_type=TYPE [options]",
            "Measures training throughput: forward (train mode) + loss + backward + optimizer update per step.",
            "  --model_type=TYPE          " + String.join(", ", ModelFactory.MODEL_TYPES) + " (required)",
            "  --image_size=N             input height and width (default 224)",
            "  --train_batch_size=N       images per step (default 32)",
            "  --warmup_steps=N           untimed steps first (default 2)",
            "  --steps=N                  measured steps (default 10)",
            "  --data=synthetic|GLOB      random images made once (default), or TFRecords read and preprocessed each step",
            "  --optimizer_type=TYPE      momentum (default), adam, rmsprop",
            "  --threads=N                kernel threads (default: all cores; must be set before any kernel ran in this JVM)",
            "  --num_classes=N            classes of the model and labels (default 1000)",
            "  --initial_learning_rate=R  (default 0.0001)  --weight_decay=WD (default 0.0001)  --label_smoothing=LS (default 0)",
            "  --seed=N                   weights, synthetic data and input order (default 1)",
            "  --profile=true|false       time every kernel per op (default true)",
            "  --device=cpu|gpu|auto      where the steps run, as the trainer's --device (default auto: a usable GPU, else the CPU)",
            "");

    private static final List<String> NAMES = List.of("model_type", "image_size", "train_batch_size", "warmup_steps", "steps",
            "data", "optimizer_type", "threads", "num_classes", "initial_learning_rate", "weight_decay", "label_smoothing",
            "seed", "profile", "device");

    /** Parses the arguments; every problem found is reported at once in an {@link ArgumentException}. */
    public static BenchOptions parse(String[] args) {
        List<String> problems = new ArrayList<>();
        Map<String, String> values = collect(args, problems);
        Reader r = new Reader(values, problems);
        String modelType = values.get("model_type");
        if (modelType == null) {
            problems.add("--model_type is required; choose one of " + String.join(", ", ModelFactory.MODEL_TYPES));
        } else if (!ModelFactory.MODEL_TYPES.contains(modelType)) {
            problems.add("--model_type: unknown '" + modelType + "'; choose one of " + String.join(", ", ModelFactory.MODEL_TYPES));
        }
        int imageSize = r.integer("image_size", 224, 8);
        int batch = r.integer("train_batch_size", 32, 1);
        int warmup = r.integer("warmup_steps", 2, 0);
        int steps = r.integer("steps", 10, 1);
        int threads = r.integer("threads", 0, 1);
        int numClasses = r.integer("num_classes", 1000, 2);
        double lr = r.number("initial_learning_rate", 0.0001);
        double wd = r.number("weight_decay", 0.0001);
        double ls = r.number("label_smoothing", 0);
        if (ls > 1) {
            problems.add("--label_smoothing must be in [0, 1], got " + ls);
        }
        long seed = r.integer("seed", 1, 0);
        OptimizerType optimizer = OptimizerType.MOMENTUM;
        if (values.containsKey("optimizer_type")) {
            try {
                optimizer = LibraryChoices.optimizerType(values.get("optimizer_type"));
            } catch (IllegalArgumentException e) {
                problems.add("--optimizer_type: " + e.getMessage());
            }
        }
        String data = values.getOrDefault("data", "synthetic");
        if (data.isBlank()) {
            problems.add("--data must be 'synthetic' or a TFRecord file pattern");
        }
        boolean profile = true;
        if (values.containsKey("profile")) {
            String p = values.get("profile").toLowerCase(Locale.ROOT);
            if (!p.equals("true") && !p.equals("false")) {
                problems.add("--profile must be true or false, got '" + values.get("profile") + "'");
            }
            profile = p.equals("true");
        }
        DeviceChoice device = DeviceChoice.AUTO;
        if (values.containsKey("device")) {
            String d = values.get("device").toUpperCase(Locale.ROOT);
            try {
                device = DeviceChoice.valueOf(d);
            } catch (IllegalArgumentException e) {
                problems.add("--device must be cpu, gpu or auto, got '" + values.get("device") + "'");
            }
        }
        if (!problems.isEmpty()) {
            throw new ArgumentException(problems);
        }
        return new BenchOptions(modelType, imageSize, batch, warmup, steps, data.equals("synthetic") ? null : data, optimizer,
                threads, numClasses, lr, wd, ls, seed, profile, device);
    }

    public boolean synthetic() {
        return data == null;
    }

    private static Map<String, String> collect(String[] args, List<String> problems) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                problems.add("unexpected argument '" + arg + "'; flags look like --name=value");
                continue;
            }
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
            String value;
            if (eq >= 0) {
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                value = args[++i];
            } else {
                problems.add("--" + name + " needs a value");
                continue;
            }
            if (!NAMES.contains(name)) {
                problems.add("unknown flag --" + name + "; bench takes --" + String.join(", --", NAMES));
            } else if (values.put(name, value) != null) {
                problems.add("--" + name + " is given twice");
            }
        }
        return values;
    }

    /** Typed reads that record a problem instead of throwing, so all problems are reported together. */
    private record Reader(Map<String, String> values, List<String> problems) {
        int integer(String name, int fallback, int min) {
            String v = values.get(name);
            if (v == null) {
                return fallback;
            }
            try {
                int n = Integer.parseInt(v.trim());
                if (n < min) {
                    problems.add("--" + name + " must be at least " + min + ", got " + n);
                }
                return n;
            } catch (NumberFormatException e) {
                problems.add("--" + name + " must be an integer, got '" + v + "'");
                return fallback;
            }
        }

        double number(String name, double fallback) {
            String v = values.get(name);
            if (v == null) {
                return fallback;
            }
            try {
                double d = Double.parseDouble(v.trim());
                if (!(d >= 0) || Double.isInfinite(d)) {
                    problems.add("--" + name + " must be a finite number >= 0, got " + v);
                }
                return d;
            } catch (NumberFormatException e) {
                problems.add("--" + name + " must be a number, got '" + v + "'");
                return fallback;
            }
        }
    }
}

package dev.imgcls.train.command;

import dev.imgcls.export.savedmodel.ExportedModel;
import dev.imgcls.train.cli.CommandLine;
import dev.imgcls.train.cli.FlagSpec;
import dev.imgcls.train.cli.FlagValues;
import dev.imgcls.train.cli.TrainingArguments;
import dev.imgcls.train.cli.TrainingConfig;
import dev.imgcls.train.demo.PatternDataset;
import dev.imgcls.train.demo.PatternImages;
import dev.imgcls.train.events.TrainingEvents;
import dev.imgcls.train.loop.JobReport;
import dev.imgcls.train.predict.ImagePredictor;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code imgcls demo [--dir=PATH]}: the whole product on a small made-up problem, in a couple of
 * minutes on two cores. It draws a labelled data set of five kinds of pattern ({@link PatternImages}) into
 * JPEG TFRecords, trains a ResNet-18 on 32×32 crops with the regular training job, exports the
 * best model, and classifies a few fresh pictures with it, saying where everything went.
 */
final class DemoCommand implements Command {
    static final int IMAGES_PER_CLASS = 240;
    static final int PIXELS = 64;
    static final int SAMPLES_PER_CLASS = 20;
    static final int SAMPLES_SHOWN = 10;
    static final FlagSpec DIR = FlagSpec.value("dir", "PATH");
    static final String[] TRAINING = {"--model_type=resnet-18", "--image_size=32", "--train_batch_size=16", "--max_steps=500",
            "--initial_learning_rate=0.02", "--warmup_steps=20", "--eval_every_steps=100"};

    @Override
    public String name() {
        return "demo";
    }

    @Override
    public String summary() {
        return "draw a small data set of patterns, train on it for a couple of minutes, export and predict (--dir=PATH)";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine line = CommandLine.read(args, List.of(DIR), false);
        if (line.helpRequested()) {
            out.println("usage: imgcls demo [--dir=PATH]   (default: a new directory imgcls-demo-* under the system temp directory)");
            return 0;
        }
        FlagValues v = new FlagValues(line);
        String dirText = v.text(DIR.name(), null);
        if (!Arguments.usable(v, err)) {
            return Arguments.USAGE;
        }
        Path dir = dirText == null ? null : Path.of(dirText);
        if (dir != null && Files.isRegularFile(dir)) {
            err.println("error: --dir=" + dir + " is a file, not a folder; choose another --dir");
            return 2;
        }
        try {
            return demo(dir == null ? Files.createTempDirectory("imgcls-demo-") : dir, out);
        } catch (IOException | RuntimeException e) {
            String where = dir == null ? System.getProperty("java.io.tmpdir") : dir.toString();
            err.println("error: the demo failed: " + JobErrorText.describe(e, where));
            return 1;
        }
    }

    private int demo(Path dir, PrintStream out) throws IOException {
        long t0 = System.nanoTime();
        out.println("demo: drawing " + IMAGES_PER_CLASS * PatternImages.CLASSES.size() + " training pictures of " + PatternImages.CLASSES
                + " into " + dir.resolve("data"));
        PatternDataset.Written data = PatternDataset.write(dir.resolve("data"), IMAGES_PER_CLASS, PIXELS, 4, 2024);
        List<String> args = new ArrayList<>(List.of("--training_data_path=" + data.trainingPattern(),
                "--validation_data_path=" + data.validationPattern(), "--job-dir=" + dir.resolve("job"),
                "--num_classes=" + data.numClasses()));
        args.addAll(List.of(TRAINING));
        out.println("demo: imgcls train " + String.join(" ", args));
        TrainingConfig config = TrainingArguments.parseConfig(args.toArray(String[]::new));
        JobReport report = TrainCommand.train(config, args, out, Map.of(
                "CLOUD_ML_HP_METRIC_FILE", dir.resolve("hypertune/output.metrics").toString()));

        Path samples = Files.createDirectories(dir.resolve("samples"));
        SplittableRandom random = new SplittableRandom(7);
        List<Path> files = new ArrayList<>();
        List<Integer> truth = new ArrayList<>();
        for (int i = 0; i < SAMPLES_PER_CLASS * PatternImages.CLASSES.size(); i++) {
            int label = i % PatternImages.CLASSES.size();
            Path file = samples.resolve(PatternImages.CLASSES.get(label) + "-" + (i / PatternImages.CLASSES.size() + 1) + ".jpg");
            Files.write(file, PatternDataset.jpeg(PatternImages.draw(label, PIXELS, random)));
            files.add(file);
            truth.add(label);
        }
        ImagePredictor predictor = ImagePredictor.of(ExportedModel.load(Path.of(report.paths().model())));
        out.println("demo: the exported model on new pictures (the same as: imgcls predict --labels="
                + dir.resolve("data/labels.txt") + " " + report.paths().model() + " " + samples + "/*.jpg):");
        int right = 0;
        for (int i = 0; i < files.size(); i++) {
            ImagePredictor.Predictions p = predictor.predict(List.of(Files.readAllBytes(files.get(i))));
            right += p.classes()[0] == truth.get(i) ? 1 : 0;
            if (i < SAMPLES_SHOWN) {
                out.println("  " + PredictCommand.json(files.get(i).toString(), p.classes()[0], p.probabilities()[0], PatternImages.CLASSES));
            }
        }
        out.printf("  ... (%d more)%ndemo: %d of %d new pictures classified right%n", files.size() - SAMPLES_SHOWN, right, files.size());
        double chance = 1.0 / data.numClasses();
        out.printf("demo: done in %.0f s. Validation top-1 accuracy %.3f (chance %.2f), best %.3f at step %d.%n",
                (System.nanoTime() - t0) / 1e9, report.finalMetrics().get(TrainingEvents.TOP_1_ACCURACY), chance,
                report.best().get(TrainingEvents.TOP_1_ACCURACY), report.best().globalStep());
        out.println("demo: data " + dir.resolve("data") + ", job directory " + report.paths().jobDir() + " (checkpoints, TensorBoard events: "
                + report.paths().events() + "), model " + report.paths().model() + ", sample pictures " + samples);
        return 0;
    }
}

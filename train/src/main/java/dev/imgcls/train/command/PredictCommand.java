package dev.imgcls.train.command;

import dev.imgcls.data.image.ImageDecodeException;
import dev.imgcls.export.savedmodel.ExportedModel;
import dev.imgcls.io.IoErrorText;
import dev.imgcls.train.cli.CommandLine;
import dev.imgcls.train.cli.FlagSpec;
import dev.imgcls.train.cli.FlagValues;
import dev.imgcls.train.metrics.JsonText;
import dev.imgcls.train.predict.ImagePredictor;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code imgcls predict [--labels=labels.txt] MODEL_DIR IMAGE...}: one JSON line per image with the
 * predicted class (and its name when a labels file is given) and the class probabilities, computed
 * by our own inference with the exported model's serving contract (eval preprocessing, softmax).
 * An image that is missing, unreadable or not decodable gets one error line on stderr instead, and
 * the exit status is then 1.
 */
final class PredictCommand implements Command {
    private static final String USAGE = "usage: imgcls predict [--labels=labels.txt] SAVED_MODEL_DIR IMAGE_FILE...";
    static final FlagSpec LABELS = FlagSpec.value("labels", "FILE");

    @Override
    public String name() {
        return "predict";
    }

    @Override
    public String summary() {
        return "classify image files with an exported model: one JSON line per image";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine line = CommandLine.read(args, List.of(LABELS), true);
        if (line.helpRequested()) {
            out.println(USAGE);
            return 0;
        }
        FlagValues v = new FlagValues(line);
        String labelsText = v.text(LABELS.name(), null);
        Path labelsFile = labelsText == null ? null : Path.of(labelsText);
        List<String> positional = line.positionals();
        if (positional.size() < 2) {
            v.problem("need a SavedModel directory and at least one image; " + USAGE);
        }
        if (!Arguments.usable(v, err)) {
            return Arguments.USAGE;
        }
        List<String> labels;
        ImagePredictor predictor;
        String modelDir = positional.get(0);
        try {
            labels = labelsFile == null ? List.of() : Files.readAllLines(labelsFile, StandardCharsets.UTF_8).stream()
                    .map(String::strip).filter(s -> !s.isEmpty()).toList();
            predictor = ImagePredictor.of(ExportedModel.load(Path.of(modelDir)));
        } catch (IOException e) {
            err.println("error: " + IoErrorText.describe(e));
            return 1;
        } catch (RuntimeException e) {
            err.println("error: cannot load the model in " + modelDir + ": " + e.getMessage());
            return 1;
        }
        // A bad image is reported and passed over, so one file does not cost the answers for the others.
        int failed = 0;
        for (String image : positional.subList(1, positional.size())) {
            String problem = predictOne(predictor, image, labels, out);
            if (problem != null) {
                err.println("error: " + image + ": " + problem);
                failed++;
            }
        }
        return failed == 0 ? 0 : 1;
    }

    /** Prints the image's JSON line; returns why it could not be classified, or {@code null}. */
    private static String predictOne(ImagePredictor predictor, String image, List<String> labels, PrintStream out) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(Path.of(image));
        } catch (NoSuchFileException e) {
            return "no such file";
        } catch (AccessDeniedException e) {
            return "permission denied; make it readable by this user";
        } catch (IOException e) {
            String why = IoErrorText.describe(e);
            return why.startsWith(image + ": ") ? why.substring(image.length() + 2) : "cannot read it: " + why;
        }
        ImagePredictor.Predictions p;
        try {
            p = predictor.predict(List.of(bytes));
        } catch (ImageDecodeException e) {
            return "not an image that can be decoded (" + e.getMessage() + ")";
        }
        out.println(json(image, p.classes()[0], p.probabilities()[0], labels));
        return null;
    }

    static String json(String image, long predicted, float[] probabilities, List<String> labels) {
        StringBuilder sb = new StringBuilder("{\"image\": ").append(JsonText.quote(image)).append(", \"class\": ").append(predicted);
        if (predicted < labels.size()) {
            sb.append(", \"label\": ").append(JsonText.quote(labels.get((int) predicted)));
        }
        sb.append(", \"probabilities\": [");
        for (int i = 0; i < probabilities.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(JsonText.number(probabilities[i]));
        }
        return sb.append("]}").toString();
    }
}

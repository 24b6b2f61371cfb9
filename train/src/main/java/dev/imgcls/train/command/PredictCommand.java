package dev.imgcls.train.command;

import dev.imgcls.export.savedmodel.ExportedModel;
import dev.imgcls.export.savedmodel.ImagePredictor;
import dev.imgcls.train.metrics.JsonText;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code imgcls predict [--labels=labels.txt] MODEL_DIR IMAGE...}: one JSON line per image with the
 * predicted class (and its name when a labels file is given) and the class probabilities, computed
 * by our own inference with the exported model's serving contract (eval preprocessing, softmax).
 */
final class PredictCommand implements Command {
    private static final String USAGE = "usage: imgcls predict [--labels=labels.txt] SAVED_MODEL_DIR IMAGE_FILE...";

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
        Path labelsFile = null;
        List<String> positional = new ArrayList<>();
        for (String a : args) {
            if (a.equals("--help") || a.equals("-h")) {
                out.println(USAGE);
                return 0;
            } else if (a.startsWith("--labels=")) {
                labelsFile = Path.of(a.substring("--labels=".length()));
            } else if (a.startsWith("-")) {
                err.println("error: unknown option " + a + "\n" + USAGE);
                return 2;
            } else {
                positional.add(a);
            }
        }
        if (positional.size() < 2) {
            err.println("error: need a SavedModel directory and at least one image\n" + USAGE);
            return 2;
        }
        try {
            List<String> labels = labelsFile == null ? List.of() : Files.readAllLines(labelsFile, StandardCharsets.UTF_8).stream()
                    .map(String::strip).filter(s -> !s.isEmpty()).toList();
            ExportedModel model = ExportedModel.load(Path.of(positional.get(0)));
            ImagePredictor predictor = model.predictor();
            for (String image : positional.subList(1, positional.size())) {
                byte[] bytes = Files.readAllBytes(Path.of(image));
                ImagePredictor.Predictions p = predictor.predict(List.of(bytes));
                out.println(json(image, p.classes()[0], p.probabilities()[0], labels));
            }
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
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

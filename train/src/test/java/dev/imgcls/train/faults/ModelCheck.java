package dev.imgcls.train.faults;

import dev.imgcls.export.savedmodel.ExportedModel;
import dev.imgcls.train.demo.PatternDataset;
import dev.imgcls.train.demo.PatternImages;
import dev.imgcls.train.predict.ImagePredictor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Whether a job's {@code model/} is loadable: {@link ExportedModel#load} succeeds and the model
 * predicts a picture. A model already verified (same bytes) is not loaded again, which keeps
 * fifty checks cheap.
 */
final class ModelCheck {
    private final Set<String> verified = new HashSet<>();
    private final byte[] picture;

    ModelCheck() throws IOException {
        picture = PatternDataset.jpeg(PatternImages.draw(0, 32, new SplittableRandom(5)));
    }

    /**
     * The problem with {@code model/} after a kill, or null when there is none.
     *
     * @param required whether a model had been exported before (then it must be there)
     */
    String problem(Path jobDir, boolean required) {
        Path model = jobDir.resolve(JobDirectoryRules.MODEL);
        if (!Files.exists(model)) {
            return required ? "model/ missing although a model had been exported" + (Files.isSymbolicLink(model) ? " (dangling link)" : "") : null;
        }
        try {
            String key = fingerprint(model);
            if (verified.contains(key)) {
                return null;
            }
            ImagePredictor.Predictions p = ImagePredictor.of(ExportedModel.load(model)).predict(List.of(picture));
            if (p.size() != 1 || !Float.isFinite(p.probabilities()[0][0])) {
                return "model/ loads but predicts nothing usable";
            }
            verified.add(key);
            return null;
        } catch (IOException | RuntimeException e) {
            return "model/ does not load: " + e;
        }
    }

    private static String fingerprint(Path model) throws IOException {
        StringBuilder sb = new StringBuilder();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(model.toRealPath())) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path f : files) {
            sb.append(f.getFileName()).append('=').append(JobState.sha256(f)).append(';');
        }
        return sb.toString();
    }
}

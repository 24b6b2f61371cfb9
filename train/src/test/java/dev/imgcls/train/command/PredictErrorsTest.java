package dev.imgcls.train.command;

import dev.imgcls.export.savedmodel.SavedModelExporter;
import dev.imgcls.nn.ModelFactory;
import dev.imgcls.train.demo.PatternDataset;
import dev.imgcls.train.demo.PatternImages;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code predict} goes on past images it cannot classify: one error line each, JSON for the rest, exit 1. */
class PredictErrorsTest {
    @TempDir
    static Path tmp;
    static Path model;
    static Path good;

    @BeforeAll
    static void exportModel() throws IOException {
        model = tmp.resolve("model");
        SavedModelExporter.export(ModelFactory.create("resnet-18", 3, 1), 16, model);
        good = Files.write(tmp.resolve("good.jpg"), PatternDataset.jpeg(PatternImages.draw(1, 20, new SplittableRandom(3))));
    }

    private static void assertNoJava(String text) {
        for (String java : List.of("Exception", "java.", "nio.")) {
            assertFalse(text.contains(java), "'" + java + "' in\n" + text);
        }
    }

    @Test
    void badImagesAreReportedAndTheGoodOnesStillAnswered() throws IOException {
        Path missing = tmp.resolve("nonexist.png");
        Path text = Files.writeString(tmp.resolve("notes.jpg"), "not a picture");
        Path folder = Files.createDirectories(tmp.resolve("a-folder.png"));
        CommandRun run = CommandRun.of("predict", model.toString(), missing.toString(), good.toString(), text.toString(), folder.toString(),
                good.toString());
        assertEquals(1, run.status(), run.toString());
        List<String> json = run.out().lines().toList();
        assertEquals(2, json.size(), run.toString());
        assertTrue(json.get(0).startsWith("{\"image\": \"" + good + "\", \"class\": "), run.toString());
        List<String> errors = run.err().lines().toList();
        assertEquals(3, errors.size(), run.toString());
        assertEquals("error: " + missing + ": no such file", errors.get(0));
        assertTrue(errors.get(1).startsWith("error: " + text + ": not an image that can be decoded ("), errors.get(1));
        assertTrue(errors.get(2).startsWith("error: " + folder + ": "), errors.get(2));
        assertNoJava(run.err());
    }

    @Test
    void allGoodExitsZero() {
        CommandRun run = CommandRun.of("predict", model.toString(), good.toString());
        assertEquals(0, run.status(), run.toString());
        assertEquals("", run.err());
        assertEquals(1, run.out().lines().count());
    }

    @Test
    void damagedModelIsNamed() throws IOException {
        Path copy = tmp.resolve("damaged");
        Path version = model.toRealPath(); // model/ is a link to its current version folder
        try (Stream<Path> files = Files.walk(version)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                Path target = copy.resolve(version.relativize(p).toString());
                Files.createDirectories(target.getParent());
                Files.copy(p, target);
            }
        }
        Files.write(copy.resolve("saved_model.pb"), new byte[] {0, 0, 0, 0, 0});
        CommandRun run = CommandRun.of("predict", copy.toString(), good.toString());
        assertEquals(1, run.status(), run.toString());
        assertTrue(run.err().startsWith("error: " + copy.resolve("saved_model.pb") + " is damaged or not a SavedModel ("), run.toString());
        assertEquals(1, run.err().lines().count(), run.toString());
        assertNoJava(run.err());
    }
}

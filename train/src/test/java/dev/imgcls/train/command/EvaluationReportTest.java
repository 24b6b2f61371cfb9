package dev.imgcls.train.command;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.imgcls.train.demo.PatternDataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The evaluation report of a short training job (6 evaluations of 12 validation images) and of
 * {@code imgcls evaluate} on the SavedModel it exported: the files, where they go, what they hold.
 */
class EvaluationReportTest {
    static final List<String> FILES = List.of("confusion_matrix.csv", "confusion_matrix.png", "per_class.csv", "report.json", "worst.html");

    @TempDir
    static Path tmp;
    static PatternDataset.Written data;
    static Path job;
    static CommandRun training;

    @BeforeAll
    static void train() throws IOException {
        data = PatternDataset.write(tmp.resolve("data"), 3, 16, 24, 1, 7); // 12 validation images, labels.txt beside them
        job = tmp.resolve("job");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = TrainCommand.run(new String[] {"--training_data_path=" + data.trainingPattern(),
                "--validation_data_path=" + data.validationPattern(), "--job-dir=" + job, "--num_classes=3", "--max_steps=12",
                "--eval_every_steps=2", "--train_batch_size=4", "--image_size=24", "--model_type=resnet-18", "--threads=1", "--device=cpu",
                "--seed=3"}, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
        training = new CommandRun(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        assertEquals(0, status, training.toString());
    }

    @Test
    void everyEvaluationWritesItsReportAndTheNewestFiveAreKept() throws IOException {
        Path reports = job.resolve("eval");
        List<String> folders = list(reports).stream().filter(f -> !f.equals("evaluate")).toList(); // evaluate's default output may be there
        assertEquals(List.of("latest", "step-10", "step-12", "step-4", "step-6", "step-8"), folders, "step-2 made way for newer ones");
        for (String folder : List.of("latest", "step-4", "step-12")) {
            assertEquals(FILES, list(reports.resolve(folder)), folder);
        }
        for (int step = 2; step <= 12; step += 2) {
            assertTrue(training.out().contains("eval report: " + reports.resolve("step-" + step) + " (macro F1 "), training.out());
        }
        assertEquals(Files.readString(reports.resolve("step-12/report.json")), Files.readString(reports.resolve("latest/report.json")));
        JsonObject json = JsonParser.parseString(Files.readString(reports.resolve("latest/report.json"))).getAsJsonObject();
        assertEquals(12, json.get("global_step").getAsInt());
        assertEquals(12, json.get("images").getAsInt());
        assertEquals(3, json.getAsJsonArray("per_class").size());
        assertEquals("horizontal-stripes", json.getAsJsonArray("per_class").get(0).getAsJsonObject().get("name").getAsString(),
                "names from the labels.txt beside the validation data");
        String csv = Files.readString(reports.resolve("latest/per_class.csv"));
        assertTrue(csv.startsWith("class_id,class_name,precision,recall,f1,support,predicted\n0,horizontal-stripes,"), csv);
        assertEquals(4, csv.lines().count());
        BufferedImage png = ImageIO.read(reports.resolve("latest/confusion_matrix.png").toFile());
        assertNotNull(png);
        assertTrue(png.getWidth() > 100 && png.getHeight() > 100, png.getWidth() + "x" + png.getHeight());
        String html = Files.readString(reports.resolve("latest/worst.html"));
        long mistakes = 12 - Math.round(12 * json.get("top_1_accuracy").getAsDouble());
        assertEquals(Math.min(24, mistakes), html.split("<img ", -1).length - 1, html);
        assertTrue(mistakes == 0 || html.contains("<span class=\"source\">validation-00000-of-00001 record "),
                "the kept validation images still name their records: " + html);
    }

    @Test
    void evaluateWritesTheReportBesideTheModelAndPrintsTheTable() throws IOException {
        CommandRun run = CommandRun.of("evaluate", "--model_dir=" + job.resolve("model"), "--data=" + data.validationPattern(), "--batch_size=5");
        assertEquals(0, run.status(), run.toString());
        Path out = job.resolve("eval/evaluate");
        assertEquals(FILES, list(out));
        assertTrue(run.out().contains("evaluate: resnet-18 (3 classes, image_size 24) from " + job.resolve("model") + " on 12 images of 1 file "),
                run.out());
        assertTrue(run.out().matches("(?s).*images 12 {3}top-1 [0-9.]+ {3}top-5 1\\.0000 {3}macro F1 [0-9.]+.*"), run.out());
        assertTrue(run.out().contains("worst classes:"), run.out());
        assertTrue(run.out().contains("evaluate: report in " + out + " ("), run.out());
        JsonObject json = JsonParser.parseString(Files.readString(out.resolve("report.json"))).getAsJsonObject();
        assertTrue(json.get("global_step").isJsonNull());
        assertEquals(12, json.get("images").getAsInt(), "every record, the last partial batch of 2 too");
        try (Stream<Path> files = Files.walk(job.resolve("model").toRealPath())) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".html")), "nothing written into the SavedModel");
        }
    }

    @Test
    void evaluateRefusesAnOutputInsideTheModelAndLabelsThatDoNotFit() throws IOException {
        CommandRun inside = CommandRun.of("evaluate", "--model_dir=" + job.resolve("model"), "--data=" + data.validationPattern(),
                "--output_dir=" + job.resolve("model/report"));
        assertEquals(2, inside.status(), inside.toString());
        assertTrue(inside.err().contains("is inside the SavedModel"), inside.toString());
        Path twoNames = Files.writeString(tmp.resolve("two.txt"), "a\nb\n");
        CommandRun labels = CommandRun.of("evaluate", "--model_dir=" + job.resolve("model"), "--data=" + data.validationPattern(),
                "--labels=" + twoNames, "--output_dir=" + tmp.resolve("x"));
        assertEquals(2, labels.status(), labels.toString());
        assertEquals("error: " + twoNames + " lists 2 class names but the model has 3 classes; give the labels.txt written with this data set\n",
                labels.err());
        CommandRun missing = CommandRun.of("evaluate", "--data=" + data.validationPattern());
        assertEquals(2, missing.status(), missing.toString());
        assertTrue(missing.err().contains("--model_dir=DIR"), missing.toString());
    }

    private static List<String> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}

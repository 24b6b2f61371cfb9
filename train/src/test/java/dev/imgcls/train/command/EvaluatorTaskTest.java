package dev.imgcls.train.command;

import dev.imgcls.data.tfrecord.Compression;
import dev.imgcls.data.tfrecord.TFRecord;
import dev.imgcls.data.tfrecord.TFRecordReader;
import dev.imgcls.train.demo.PatternDataset;
import dev.imgcls.train.events.proto.Event;
import dev.imgcls.train.events.proto.Summary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code imgcls train} as the {@code evaluator} task of a TF_CONFIG cluster, after the cluster's
 * one-process chief finished its job: it evaluates the newest checkpoint (the final one) with the chief's
 * metrics, writes its events and reports beside the chief's and nothing else, and stops by itself.
 */
class EvaluatorTaskTest {
    private static final String CLUSTER = "{\"cluster\":{\"chief\":[\"h:1\"],\"evaluator\":[\"h:2\"]},";
    private static final String CHIEF = CLUSTER + "\"task\":{\"type\":\"chief\",\"index\":0}}";
    private static final String EVALUATOR = CLUSTER + "\"task\":{\"type\":\"evaluator\",\"index\":0}}";
    private static final Pattern METRICS = Pattern.compile("top-1 [0-9.]+  top-5 [0-9.]+  loss [0-9.]+");

    @TempDir
    Path tmp;

    @Test
    void evaluatesTheChiefsFinalCheckpointWithTheChiefsTopOne() throws IOException {
        PatternDataset.Written data = PatternDataset.write(tmp.resolve("data"), 3, 16, 24, 1, 7);
        Path job = tmp.resolve("job");
        String[] args = {"--training_data_path=" + data.trainingPattern(), "--validation_data_path=" + data.validationPattern(),
                "--job-dir=" + job, "--num_classes=3", "--max_steps=4", "--eval_every_steps=2", "--train_batch_size=4", "--image_size=24",
                "--model_type=resnet-18", "--threads=1", "--device=cpu", "--seed=3"};
        CommandRun chief = run(args, Map.of("TF_CONFIG", CHIEF));
        assertEquals(0, chief.status(), chief.toString());
        Matcher chiefEval = Pattern.compile("eval at step 4: (" + METRICS.pattern() + ")").matcher(chief.out());
        assertTrue(chiefEval.find(), chief.out());
        assertTrue(Files.exists(job.resolve("checkpoints/model.ckpt-2.index")), "an older checkpoint for the evaluator to skip");
        Map<String, String> before = files(job);

        CommandRun evaluator = run(args, Map.of("TF_CONFIG", EVALUATOR));
        System.out.print(evaluator.out());
        assertEquals(0, evaluator.status(), evaluator.toString());
        assertTrue(evaluator.out().contains("evaluator evaluator[0] from TF_CONFIG, beside 1 training ranks: evaluating the chief's checkpoints"),
                evaluator.out());
        List<String> evaluations = evaluator.out().lines().filter(l -> l.startsWith("evaluator: step ")).toList();
        assertEquals(1, evaluations.size(), "the newest checkpoint only:\n" + evaluator.out());
        assertTrue(evaluations.get(0).startsWith("evaluator: step 4 (" + job.resolve("checkpoints/model.ckpt-4") + "): "
                + chiefEval.group(1) + "  ("), "the chief's metrics at step 4, " + chiefEval.group(1) + ":\n" + evaluator.out());
        Matcher finalTop1 = Pattern.compile("\"final\": \\{\"global_step\": 4, .*\"top_1_accuracy\": ([0-9.e-]+)")
                .matcher(Files.readString(job.resolve("final_metrics.json")));
        assertTrue(finalTop1.find());
        assertTrue(evaluations.get(0).contains(String.format("top-1 %.4f ", Double.parseDouble(finalTop1.group(1)))), evaluations.get(0));
        assertTrue(evaluator.out().contains("evaluator: done after 1 evaluation: evaluated the checkpoint at step 4, the chief's last"
                + " (--max_steps=4)"), evaluator.out());

        Map<String, String> after = files(job);
        Path events = job.resolve("checkpoints/eval_evaluator");
        List<String> added = after.keySet().stream().filter(f -> !before.containsKey(f)).toList();
        List<String> eventFiles = added.stream().filter(f -> job.resolve(f).getParent().equals(events)).toList();
        assertEquals(1, eventFiles.size(), "one event file added: " + added);
        assertTrue(eventFiles.get(0).contains("events.out.tfevents."), added.toString());
        List<String> reports = added.stream().filter(f -> !eventFiles.contains(f)).sorted().toList();
        List<String> reportFiles = List.of("confusion_matrix.csv", "confusion_matrix.png", "per_class.csv", "report.json", "worst.html");
        List<String> expected = new ArrayList<>();
        for (String folder : List.of("eval_evaluator/latest/", "eval_evaluator/step-4/")) {
            reportFiles.forEach(f -> expected.add(folder + f));
        }
        assertEquals(expected, reports, "the evaluator's report beside the chief's eval/ reports");
        assertTrue(evaluator.out().contains("evaluator report: " + job.resolve("eval_evaluator/step-4") + " (macro F1 "), evaluator.out());
        after.keySet().retainAll(before.keySet());
        assertEquals(before, after, "the chief's files are untouched");
        TreeSet<String> tags = scalarTags(job.resolve(eventFiles.get(0))).get(4L);
        assertTrue(tags.containsAll(List.of("loss", "top_1_accuracy", "top_5_accuracy", "macro_avg/f1", "per_class_f1/horizontal-stripes",
                "per_class_precision/checks", "per_class_recall/vertical-stripes")), tags.toString());
    }

    private static CommandRun run(String[] args, Map<String, String> environment) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = TrainCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                environment);
        return new CommandRun(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Every file under {@code dir}, relative, with its size and modification time. */
    private static Map<String, String> files(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(dir)) {
            paths = walk.filter(Files::isRegularFile).toList();
        }
        for (Path p : paths) {
            files.put(dir.relativize(p).toString(), Files.size(p) + " bytes, modified " + Files.getLastModifiedTime(p));
        }
        return files;
    }

    /** The scalar tags of an event file by step. */
    private static Map<Long, TreeSet<String>> scalarTags(Path file) throws IOException {
        Map<Long, TreeSet<String>> tags = new TreeMap<>();
        List<Event> events = new ArrayList<>();
        try (TFRecordReader reader = TFRecordReader.open(file.toString(), Compression.NONE)) {
            for (TFRecord r = reader.next(); r != null; r = reader.next()) {
                events.add(Event.parseFrom(r.payload()));
            }
        }
        for (Event e : events) {
            for (Summary.Value v : e.getSummary().getValueList()) {
                tags.computeIfAbsent(e.getStep(), s -> new TreeSet<>()).add(v.getTag());
            }
        }
        return tags;
    }
}

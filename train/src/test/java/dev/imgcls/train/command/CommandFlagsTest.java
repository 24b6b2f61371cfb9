package dev.imgcls.train.command;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every command reads its flags with the one parser: both value forms, the same messages, the same suggestions. */
class CommandFlagsTest {
    @TempDir
    static Path tmp;

    /**
     * A command, one of its flags with a value it refuses, the message that proves the value reached that flag, a
     * misspelling of one of its flags and the suggestion for it.
     */
    static Stream<Arguments> commands() throws IOException {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        return Stream.of(
                Arguments.of("train", "max_steps", "x", "error: --max_steps expects an integer, got 'x'",
                        "--max_step", "unknown argument --max_step; did you mean --max_steps?"),
                Arguments.of("tune", "seed", "x", "error: --seed expects an integer, got 'x'",
                        "--poll_second", "unknown argument --poll_second; did you mean --poll_seconds?"),
                // tune checks the names of the training flags it passes on to its trials (their values are the trainer's).
                Arguments.of("tune", "poll_seconds", "0", "error: --poll_seconds must be in (0, 3600]",
                        "--num_clases", "unknown argument --num_clases; did you mean --num_classes?"),
                Arguments.of("bench", "steps", "x", "error: --steps expects an integer, got 'x'",
                        "--step", "unknown argument --step; did you mean --steps?"),
                Arguments.of("make-tfrecords", "train_shards", "x", "error: --train_shards expects an integer, got 'x'",
                        "--input_dirs", "unknown argument --input_dirs; did you mean --input_dir?"),
                Arguments.of("demo", "dir", file.toString(), "error: --dir=" + file + " is a file, not a folder",
                        "--dirs", "unknown argument --dirs; did you mean --dir?"),
                // The labels file is read first: were its value taken for the model directory, another error would come.
                Arguments.of("predict", "labels", tmp.resolve("absent.txt").toString(), "absent.txt: no such file",
                        "--label", "unknown argument --label; did you mean --labels?"),
                Arguments.of("engine", "threads", "x", "error: --threads expects an integer, got 'x'",
                        "--thread", "unknown argument --thread; did you mean --threads?"));
    }

    @ParameterizedTest(name = "{0} --{1}")
    @MethodSource("commands")
    void bothValueFormsReachTheFlag(String command, String flag, String value, String message, String misspelt,
            String suggestion) {
        List<String> rest = command.equals("predict") ? List.of("model", "image.jpg") : List.of();
        CommandRun joined = run(command, List.of("--" + flag + "=" + value), rest);
        CommandRun separate = run(command, List.of("--" + flag, value), rest);
        assertTrue(joined.err().contains(message), joined.toString());
        assertEquals(joined.status(), separate.status(), separate.toString());
        assertEquals(joined.err(), separate.err());
    }

    @ParameterizedTest(name = "{0} {4}")
    @MethodSource("commands")
    void anUnknownFlagIsRejectedWithASuggestionBeforeAnyWork(String command, String flag, String value, String message,
            String misspelt, String suggestion) {
        for (List<String> form : List.of(List.of(misspelt + "=3"), List.of(misspelt, "3"))) {
            CommandRun run = run(command, form, List.of());
            assertEquals(2, run.status(), run.toString());
            assertTrue(run.err().startsWith("error: " + suggestion + "\n"), run.toString());
            assertFalse(run.err().contains("'3'"), "the value of the unknown flag is not a second problem: " + run);
            assertTrue(run.out().isEmpty(), run.toString());
        }
    }

    @ParameterizedTest(name = "{0} --help")
    @MethodSource("commands")
    void helpGoesToStandardOutput(String command) {
        CommandRun run = CommandRun.of(command, "--help");
        assertEquals(0, run.status(), run.toString());
        assertTrue(run.out().contains("usage") || run.out().contains("Usage"), run.toString());
        assertTrue(run.err().isEmpty(), run.toString());
    }

    @Test
    void inspectTakesNoFlagsAndOnePath() {
        CommandRun unknown = CommandRun.of("inspect", "--hepl");
        assertEquals(2, unknown.status(), unknown.toString());
        assertTrue(unknown.err().contains("error: unknown argument --hepl; see --help for the list"), unknown.toString());
        CommandRun two = CommandRun.of("inspect", "a", "b");
        assertEquals(2, two.status(), two.toString());
        assertTrue(two.err().contains("inspect takes one path"), two.toString());
        CommandRun help = CommandRun.of("inspect", "--help");
        assertEquals(0, help.status(), help.toString());
        assertTrue(help.out().startsWith("usage: imgcls inspect <path>"), help.toString());
    }

    private static CommandRun run(String command, List<String> flags, List<String> rest) {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(flags);
        args.addAll(rest);
        return CommandRun.of(args.toArray(String[]::new));
    }
}

package dev.imgcls.nn.example;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** README.md's training loop is {@link ReadmeTrainingLoop}'s code, and it trains. */
class ReadmeTrainingLoopTest {
    private static final Path README = Path.of("..", "README.md"); // surefire runs in the module folder
    private static final Path EXAMPLE = Path.of("src", "test", "java", "dev", "imgcls", "nn", "example", "ReadmeTrainingLoop.java");
    private static final String BLOCK_MARKER = "<!-- the code of nn's ReadmeTrainingLoop, checked by ReadmeTrainingLoopTest -->";

    @Test
    void readmeShowsTheExampleCode() throws IOException {
        List<String> block = readmeBlock();
        List<String> source = Files.readAllLines(EXAMPLE);
        List<String> imports = block.stream().filter(l -> l.startsWith("import ")).toList();
        for (String line : imports) {
            assertTrue(source.contains(line), "README imports what the example does not: " + line);
        }
        List<String> region = region(source);
        assertEquals("", block.get(imports.size()), "a blank line after the README's imports");
        assertEquals(region, block.subList(imports.size() + 1, block.size()),
                "README.md's loop differs from ReadmeTrainingLoop's; copy the lines between the README markers");
        assertTrue(region.size() <= 30, "the README promises a loop of at most 30 lines, it has " + region.size());
    }

    @Test
    void theLoopTrains() {
        double[] losses = ReadmeTrainingLoop.run();
        double first = losses[0];
        double last = losses[losses.length - 1];
        assertTrue(Arrays.stream(losses).allMatch(Double::isFinite), Arrays.toString(losses));
        assertTrue(last < 0.1 * first, "loss went from " + first + " to " + last + ": " + Arrays.toString(losses));
    }

    /** The lines of the fenced block after the marker. */
    private static List<String> readmeBlock() throws IOException {
        List<String> lines = Files.readAllLines(README);
        int marker = lines.indexOf(BLOCK_MARKER);
        assertTrue(marker >= 0, "README.md lacks the marker " + BLOCK_MARKER);
        assertEquals("```java", lines.get(marker + 1));
        List<String> block = new ArrayList<>();
        for (int i = marker + 2; !lines.get(i).equals("```"); i++) {
            block.add(lines.get(i));
        }
        return block;
    }

    /** The example's lines between the markers, without the method body's indentation. */
    private static List<String> region(List<String> source) {
        int begin = source.indexOf("        // README begin");
        int end = source.indexOf("        // README end");
        assertTrue(begin >= 0 && end > begin, "ReadmeTrainingLoop lacks its README markers");
        return source.subList(begin + 1, end).stream().map(l -> l.isEmpty() ? l : l.substring(8)).toList();
    }
}

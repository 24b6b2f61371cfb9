package dev.imgcls.tune.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogTailTest {

    @Test
    void returnsTheLastLinesOfALongLog(@TempDir Path dir) throws IOException {
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            log.append("step ").append(i).append(" loss 0.").append(i % 97).append('\n');
        }
        log.append("Exception in thread \"main\" java.lang.OutOfMemoryError: Java heap space\n");
        Path file = dir.resolve("trial.log");
        Files.writeString(file, log);
        assertTrue(Files.size(file) > LogTail.MAX_BYTES);
        assertEquals("step 19998 loss 0." + (19998 % 97) + "\nstep 19999 loss 0." + (19999 % 97)
                + "\nException in thread \"main\" java.lang.OutOfMemoryError: Java heap space",
                LogTail.lastLines(file, 3));
    }

    @Test
    void aShortLogIsReturnedWholeAndAMissingOneIsSaidToBeMissing(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("trial.log");
        Files.writeString(file, "only line\n");
        assertEquals("only line", LogTail.lastLines(file, 20));
        assertTrue(LogTail.lastLines(dir.resolve("none.log"), 5).startsWith("(no log at "));
    }
}

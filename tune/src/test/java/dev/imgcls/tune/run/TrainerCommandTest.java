package dev.imgcls.tune.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrainerCommandTest {

    @Test
    void splitsAtBlanksAndHonoursQuotesAndBackslashes() {
        assertEquals(List.of("java", "-jar", "trainer.jar", "train"), TrainerCommand.split("  java -jar\ttrainer.jar train "));
        assertEquals(List.of("/opt/my jdk/bin/java", "-cp", "a b:c", "Main"),
                TrainerCommand.split("'/opt/my jdk/bin/java' -cp \"a b:c\" Main"));
        assertEquals(List.of("a b", "say \"hi\"", "it's"), TrainerCommand.split("a\\ b \"say \\\"hi\\\"\" it\\'s"));
        assertEquals(List.of("", "x"), TrainerCommand.split("'' x"));
        assertEquals(List.of(), TrainerCommand.split("   "));
    }

    @Test
    void anUnclosedQuoteIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainerCommand.split("java -cp 'unclosed"));
        assertTrue(e.getMessage().contains("unclosed '"), e.getMessage());
    }

    @Test
    void fromClassesOnDiskThereIsNoJarToStart() {
        // The tests run from target/classes, not from a jar.
        assertTrue(TrainerCommand.fromRunningJar().isEmpty());
    }
}

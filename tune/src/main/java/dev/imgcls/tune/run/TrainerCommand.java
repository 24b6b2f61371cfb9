package dev.imgcls.tune.run;

import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The command that starts one training run: given on the command line, or the trainer jar the tuner runs from. */
public final class TrainerCommand {
    /** JVM options a trial needs as much as the tuner does (the Vector API module, opened packages). */
    private static final List<String> FORWARDED_JVM_OPTIONS = List.of(
            "--add-modules", "--add-opens", "--add-exports", "--enable-native-access", "--enable-preview");

    private TrainerCommand() {
    }

    /**
     * Splits a command line into words at blanks; single or double quotes group words with blanks, and a
     * backslash outside single quotes takes the next character literally.
     */
    public static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < line.length()) {
                    word.append(line.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (c == '\\' && i + 1 < line.length()) {
                word.append(line.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("unclosed " + quote + " in trainer command: " + line);
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    /**
     * When the tuner runs from a jar (the trainer's), {@code <this java> <module options> -jar <that jar> train};
     * empty otherwise (from classes on disk there is no jar to start).
     */
    public static Optional<List<String>> fromRunningJar() {
        Optional<Path> jar = runningJar();
        if (jar.isEmpty()) {
            return Optional.empty();
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            for (String forwarded : FORWARDED_JVM_OPTIONS) {
                if (option.equals(forwarded) || option.startsWith(forwarded + "=")) {
                    cmd.add(option);
                }
            }
        }
        cmd.add("-jar");
        cmd.add(jar.get().toString());
        cmd.add("train");
        return Optional.of(cmd);
    }

    private static Optional<Path> runningJar() {
        CodeSource source = TrainerCommand.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return Optional.empty();
        }
        try {
            Path p = Path.of(source.getLocation().toURI());
            return Files.isRegularFile(p) && p.toString().endsWith(".jar") ? Optional.of(p) : Optional.empty();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}

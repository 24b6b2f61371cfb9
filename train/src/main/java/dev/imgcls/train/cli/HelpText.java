package dev.imgcls.train.cli;

import java.util.ArrayList;
import java.util.List;

/** The {@code --help} text: every flag under its group with default and description. */
final class HelpText {
    private static final int WIDTH = 100;
    private static final int NAME_COLUMN = 42;

    private HelpText() {
    }

    static String render() {
        StringBuilder sb = new StringBuilder();
        sb.append("Usage: imgcls-train --training_data_path=PATTERN --validation_data_path=PATTERN --job-dir=DIR\n");
        sb.append("                    --num_classes=N --max_steps=N [options]\n\n");
        sb.append("Trains an image classifier the way AI Platform's built-in image classification algorithm does.\n");
        sb.append("Arguments are --name=value or --name value. Numbers are decimal; lists are comma-separated.\n");
        Flag.Group group = null;
        for (Flag f : Flags.ALL) {
            if (f.group() != group) {
                group = f.group();
                sb.append('\n').append(group.heading).append(":\n");
            }
            String left = "  --" + f.name() + "=" + f.metavar();
            String tail = f.required() ? " (required)"
                    : f.defaultValue() == null ? " (default: none)"
                    : " (default: " + (f.defaultValue().isEmpty() ? "\"\"" : f.defaultValue()) + ")";
            appendWrapped(sb, left, f.description(), tail.trim());
        }
        sb.append("\n  --help, -h").append(" ".repeat(NAME_COLUMN - 12)).append("show this text\n");
        return sb.toString();
    }

    /** The flag column, then the description word-wrapped in the second column; the tail stays on one line. */
    private static void appendWrapped(StringBuilder sb, String left, String text, String unbreakableTail) {
        List<String> words = new ArrayList<>(List.of(text.split(" ")));
        words.add(unbreakableTail);
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : words) {
            if (line.length() > 0 && NAME_COLUMN + line.length() + 1 + word.length() > WIDTH) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        lines.add(line.toString());
        if (left.length() + 1 >= NAME_COLUMN) {
            sb.append(left).append('\n').append(" ".repeat(NAME_COLUMN));
        } else {
            sb.append(left).append(" ".repeat(NAME_COLUMN - left.length()));
        }
        sb.append(lines.get(0)).append('\n');
        for (int i = 1; i < lines.size(); i++) {
            sb.append(" ".repeat(NAME_COLUMN)).append(lines.get(i)).append('\n');
        }
    }
}

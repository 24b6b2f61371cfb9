package dev.imgcls.data.convert;

import dev.imgcls.data.pipeline.LabelBase;
import dev.imgcls.io.FileSystems;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.TreeSet;

/**
 * A CSV file of {@code path,label} lines, local or on {@code gs://} (the format of Google's
 * {@code jpeg_to_tf_record.py}). Rules:
 * <ul>
 *   <li>The line is split at its last comma, so paths may contain commas; blank lines and lines
 *       starting with '#' are skipped, as is a first line {@code path,label}.</li>
 *   <li>Relative paths are relative to the CSV file's folder; {@code gs://} and absolute paths are
 *       used as they are.</li>
 *   <li>If every label is an integer, labels are class ids in the chosen {@code --label_base}
 *       convention and are written unchanged (class index = label − base; {@code labels.txt}
 *       lists the ids). Otherwise labels are class names, sorted, and their order gives the
 *       labels, as with class folders.</li>
 * </ul>
 */
final class CsvInventory {

    private record Line(int number, String path, String name, String label) {}

    private CsvInventory() {}

    static ImageInventory read(String csv, FileSystems fileSystems, LabelBase base, PrintStream warnings) throws IOException {
        List<Line> lines = parse(csv, fileSystems);
        if (lines.isEmpty()) {
            throw new ConversionException(csv + " lists no images (expected lines of path,label)");
        }
        ImageInventory inventory = allIntegers(lines)
                ? byClassId(csv, lines, base, warnings)
                : byClassName(csv, lines);
        inventory.requireTwoClasses(csv);
        return inventory;
    }

    private static List<Line> parse(String csv, FileSystems fileSystems) throws IOException {
        List<Line> lines = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(fileSystems.resolve(csv).openRead(csv), StandardCharsets.UTF_8))) {
            String text;
            int number = 0;
            boolean first = true;
            while ((text = in.readLine()) != null) {
                number++;
                String trimmed = text.strip();
                if (number == 1 && trimmed.startsWith("\uFEFF")) {
                    trimmed = trimmed.substring(1); // a byte-order mark, as spreadsheet programs write
                }
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                if (first && trimmed.replace(" ", "").toLowerCase(Locale.ROOT).equals("path,label")) {
                    first = false;
                    continue;
                }
                first = false;
                int comma = trimmed.lastIndexOf(',');
                String path = comma < 0 ? "" : trimmed.substring(0, comma).strip();
                String label = comma < 0 ? "" : trimmed.substring(comma + 1).strip();
                if (path.isEmpty() || label.isEmpty()) {
                    throw new ConversionException(csv + " line " + number + ": expected 'path,label', got '" + text + "'");
                }
                lines.add(new Line(number, resolve(csv, path), path, label));
            }
        }
        return lines;
    }

    /** A path relative to the CSV's folder, unless it is absolute or a gs:// path. */
    static String resolve(String csv, String path) {
        if (path.contains("://") || Path.of(path).isAbsolute()) {
            return path;
        }
        int slash = csv.lastIndexOf('/');
        if (csv.contains("://")) {
            return FileSystems.join(csv.substring(0, slash + 1), path);
        }
        Path parent = Path.of(csv).getParent();
        return parent == null ? path : parent.resolve(path).toString();
    }

    private static boolean allIntegers(List<Line> lines) {
        for (Line line : lines) {
            if (!line.label.matches("[+-]?\\d{1,9}")) {
                return false;
            }
        }
        return true;
    }

    private static ImageInventory byClassId(String csv, List<Line> lines, LabelBase base, PrintStream warnings)
            throws ConversionException {
        List<SourceImage> images = new ArrayList<>();
        int classes = 0;
        for (Line line : lines) {
            int label = Integer.parseInt(line.label);
            if (label < base.offset()) {
                throw new ConversionException(csv + " line " + line.number + ": label " + label + " is below "
                        + base.offset() + "; integer labels are written unchanged, so with " + base.flag() + " they must be "
                        + base.offset() + " or more" + (label == 0 ? " (labels look 0-based: pass " + base.other().flag() + ")" : ""));
            }
            int classIndex = label - base.offset();
            classes = Math.max(classes, classIndex + 1);
            images.add(new SourceImage(line.path, line.name, classIndex));
        }
        List<String> names = new ArrayList<>();
        List<String> empty = new ArrayList<>();
        int[] counts = new int[classes];
        images.forEach(i -> counts[i.classIndex()]++);
        for (int c = 0; c < classes; c++) {
            String label = Integer.toString(c + base.offset());
            names.add(label);
            if (counts[c] == 0) {
                empty.add(label);
            }
        }
        if (!empty.isEmpty()) {
            warnings.println("make-tfrecords: warning: " + csv + " has no images with label(s) " + String.join(", ", empty)
                    + " of " + base.offset() + ".." + (classes - 1 + base.offset()) + "; those classes stay empty (num_classes="
                    + classes + ")");
        }
        return new ImageInventory(names, images);
    }

    private static ImageInventory byClassName(String csv, List<Line> lines) throws ConversionException {
        TreeSet<String> distinct = new TreeSet<>();
        for (Line line : lines) {
            ImageInventory.checkClassName(line.label, csv + " line " + line.number);
            distinct.add(line.label);
        }
        List<String> names = List.copyOf(distinct);
        Map<String, Integer> index = new HashMap<>();
        for (String name : names) {
            index.put(name, index.size());
        }
        List<SourceImage> images = new ArrayList<>();
        for (Line line : lines) {
            images.add(new SourceImage(line.path, line.name, index.get(line.label)));
        }
        return new ImageInventory(names, images);
    }
}

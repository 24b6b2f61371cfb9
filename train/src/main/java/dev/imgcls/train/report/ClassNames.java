package dev.imgcls.train.report;

import dev.imgcls.io.FileSystems;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The name of each class id: line i of a {@code labels.txt} (as {@code make-tfrecords} writes it,
 * and as {@code predict --labels} reads it: blank lines skipped, spaces around a name dropped), or
 * the id itself when there is no such file.
 */
public final class ClassNames {
    /** The file {@code make-tfrecords} writes beside the TFRecords. */
    public static final String LABELS_FILE = "labels.txt";

    private final List<String> names;
    private final boolean named;

    private ClassNames(List<String> names, boolean named) {
        this.names = List.copyOf(names);
        this.named = named;
    }

    /** "0", "1", …: no names known. */
    public static ClassNames ids(int classes) {
        return new ClassNames(IntStream.range(0, classes).mapToObj(Integer::toString).toList(), false);
    }

    /**
     * @throws IllegalArgumentException when the file does not list one name per class
     */
    public static ClassNames of(List<String> labels, int classes, String source) {
        if (labels.size() != classes) {
            throw new IllegalArgumentException(source + " lists " + labels.size() + " class name" + (labels.size() == 1 ? "" : "s")
                    + " but the model has " + classes + " classes; give the labels.txt written with this data set");
        }
        return new ClassNames(labels, true);
    }

    /** The names in a labels file (local or {@code gs://}), one per non-blank line. */
    public static List<String> read(String path) throws IOException {
        byte[] bytes;
        try (InputStream in = FileSystems.forPath(path).openRead(path)) {
            bytes = in.readAllBytes();
        }
        List<String> names = new ArrayList<>();
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\r?\n")) {
            if (!line.isBlank()) {
                names.add(line.strip());
            }
        }
        return names;
    }

    /**
     * Where {@code make-tfrecords} puts the labels of the TFRecords a pattern matches: {@value #LABELS_FILE} in the
     * pattern's folder; {@code null} when the folder part itself has wildcards.
     */
    public static String besideData(String pattern) {
        int slash = pattern.lastIndexOf('/');
        String folder = slash < 0 ? "." : slash == 0 ? "/" : pattern.substring(0, slash);
        if (folder.chars().anyMatch(c -> c == '*' || c == '?' || c == '[')) {
            return null;
        }
        return FileSystems.join(folder, LABELS_FILE);
    }

    public int size() {
        return names.size();
    }

    /** The class's name, or its id as text. */
    public String name(int classId) {
        return names.get(classId);
    }

    /** Whether the names came from a labels file (else they are the ids). */
    public boolean named() {
        return named;
    }
}

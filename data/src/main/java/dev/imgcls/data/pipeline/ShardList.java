package dev.imgcls.data.pipeline;

import dev.imgcls.io.FileSystems;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.TreeSet;

/** The TFRecord files that a list of glob patterns names: each pattern must match, result sorted, no duplicates. */
public final class ShardList {

    private ShardList() {}

    /**
     * @throws NoSuchFileException naming the pattern when one matches nothing
     */
    public static List<String> expand(List<String> patterns, FileSystems fileSystems) throws IOException {
        TreeSet<String> files = new TreeSet<>();
        for (String pattern : patterns) {
            try {
                files.addAll(fileSystems.resolve(pattern).glob(pattern));
            } catch (NoSuchFileException e) {
                NoSuchFileException clear = new NoSuchFileException(pattern, null,
                        "no TFRecord files match this pattern (patterns given: " + patterns + ")");
                clear.initCause(e);
                throw clear;
            }
        }
        return List.copyOf(files);
    }
}

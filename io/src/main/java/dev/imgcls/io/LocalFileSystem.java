package dev.imgcls.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The local disk. Paths are used as given (relative ones against the working directory) and glob
 * results keep the form of the pattern, so {@code train-*} yields {@code train-001}, not
 * {@code ./train-001} or an absolute path. A {@code file://} prefix is accepted and kept.
 */
public final class LocalFileSystem implements FileSystem {

    private static final String FILE_SCHEME = "file://";

    @Override
    public InputStream openRead(String path) throws IOException {
        return Files.newInputStream(toPath(path));
    }

    @Override
    public AtomicOutputStream create(String path) throws IOException {
        return LocalAtomicOutputStream.open(path, toPath(path));
    }

    @Override
    public List<String> glob(String pattern) throws IOException {
        String scheme = pattern.startsWith(FILE_SCHEME) ? FILE_SCHEME : "";
        String body = pattern.substring(scheme.length());
        List<String> matches = new ArrayList<>();
        if (!GlobPattern.hasWildcards(body)) {
            String literal = GlobPattern.unescape(body);
            if (Files.exists(Path.of(literal))) {
                matches.add(scheme + literal);
            }
        } else {
            expand(literalRoot(body), segmentsAfterRoot(body), 0, matches);
            matches.replaceAll(m -> scheme + m);
        }
        if (matches.isEmpty()) {
            throw new NoSuchFileException(pattern, null, "no files match this pattern");
        }
        matches.sort(null);
        return matches;
    }

    @Override
    public List<String> list(String directory) throws IOException {
        try (Stream<Path> children = Files.list(toPath(directory))) {
            return children.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Override
    public boolean exists(String path) {
        return Files.exists(toPath(path));
    }

    @Override
    public long size(String path) throws IOException {
        return Files.size(toPath(path));
    }

    @Override
    public void delete(String path) throws IOException {
        Files.delete(toPath(path));
    }

    @Override
    public void mkdirs(String path) throws IOException {
        Files.createDirectories(toPath(path));
    }

    static Path toPath(String path) {
        return Path.of(path.startsWith(FILE_SCHEME) ? path.substring(FILE_SCHEME.length()) : path);
    }

    /**
     * Walks the pattern one segment at a time from the directory named by its literal part, as
     * TensorFlow does: literal segments are looked up, wildcard segments matched against listings.
     */
    private static void expand(String base, List<String> segments, int next, List<String> out) throws IOException {
        if (next == segments.size()) {
            out.add(base);
            return;
        }
        String segment = segments.get(next);
        if (!GlobPattern.hasWildcards(segment)) {
            String child = join(base, GlobPattern.unescape(segment));
            if (Files.exists(Path.of(child))) {
                expand(child, segments, next + 1, out);
            }
            return;
        }
        Path dir = Path.of(base.isEmpty() ? "." : base);
        if (!Files.isDirectory(dir)) {
            return;
        }
        Pattern matcher = GlobPattern.compile(segment);
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (matcher.matcher(name).matches()) {
                    names.add(name);
                }
            }
        } catch (NotDirectoryException | NoSuchFileException e) {
            return; // vanished or replaced while globbing: it simply has no matches
        }
        for (String name : names) {
            expand(join(base, name), segments, next + 1, out);
        }
    }

    /** The leading segments without wildcards, joined and unescaped ({@code ""} for a relative pattern starting with one). */
    private static String literalRoot(String pattern) {
        List<String> parts = split(pattern);
        StringBuilder root = new StringBuilder(pattern.startsWith("/") ? "/" : "");
        for (String part : parts) {
            if (GlobPattern.hasWildcards(part)) {
                break;
            }
            root.replace(0, root.length(), join(root.toString(), GlobPattern.unescape(part)));
        }
        return root.toString();
    }

    private static List<String> segmentsAfterRoot(String pattern) {
        List<String> parts = split(pattern);
        int first = 0;
        while (!GlobPattern.hasWildcards(parts.get(first))) {
            first++;
        }
        return parts.subList(first, parts.size());
    }

    /** Non-empty segments; repeated or trailing slashes mean nothing, as for the OS. */
    private static List<String> split(String pattern) {
        List<String> parts = new ArrayList<>();
        for (String part : pattern.split("/")) {
            if (!part.isEmpty()) {
                parts.add(part);
            }
        }
        return parts;
    }

    private static String join(String dir, String name) {
        if (dir.isEmpty()) {
            return name;
        }
        return dir.endsWith("/") ? dir + name : dir + "/" + name;
    }
}

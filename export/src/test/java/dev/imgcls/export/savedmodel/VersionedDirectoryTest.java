package dev.imgcls.export.savedmodel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pointer switch under {@code model/}: complete versions only, at every instant. */
class VersionedDirectoryTest {
    @TempDir
    Path tmp;

    private static VersionedDirectory.Writer content(String text) {
        return dir -> Files.writeString(dir.resolve(SavedModelExporter.SAVED_MODEL_FILE), text);
    }

    private static String read(Path target) throws IOException {
        return Files.readString(target.resolve(SavedModelExporter.SAVED_MODEL_FILE));
    }

    @Test
    void aReaderThatResolvedTheLinkBeforeASwitchCanFinishReading() throws IOException {
        Path model = tmp.resolve("model");
        VersionedDirectory.replace(model, content("one"));
        Path resolvedByAServer = model.toRealPath();
        VersionedDirectory.replace(model, content("two"));
        assertEquals("two", read(model));
        assertEquals("one", read(resolvedByAServer), "the previous version stays until the next switch");
        VersionedDirectory.replace(model, content("three"));
        assertFalse(Files.exists(resolvedByAServer), "two switches later it is gone");
        assertEquals(Path.of(".model.versions"), Files.readSymbolicLink(model).getParent(), "a relative link, so copies of the folder work");
    }

    @Test
    void aPlainDirectoryOfAnEarlierReleaseBecomesAVersion() throws IOException {
        Path model = tmp.resolve("model");
        Files.createDirectories(model);
        Files.writeString(model.resolve(SavedModelExporter.SAVED_MODEL_FILE), "legacy");
        VersionedDirectory.replace(model, content("new"));
        assertTrue(Files.isSymbolicLink(model));
        assertEquals("new", read(model));
        assertEquals(2, versions(model).size(), "the legacy directory is kept as the previous version");
    }

    @Test
    void aFileInTheWayIsRefusedAndLeftAlone() throws IOException {
        Path model = Files.writeString(tmp.resolve("model"), "not a model");
        FileSystemException e = assertThrows(FileSystemException.class, () -> VersionedDirectory.replace(model, content("x")));
        assertTrue(e.getMessage().contains("exists and is not a directory"), e.getMessage());
        assertEquals("not a model", Files.readString(model));
    }

    @Test
    void removeStaleKeepsOnlyTheCurrentVersion() throws IOException {
        Path model = tmp.resolve("model");
        VersionedDirectory.replace(model, content("one"));
        VersionedDirectory.replace(model, content("two"));
        Files.createDirectories(VersionedDirectory.versionsOf(model).resolve("0000000000000009-partial"));
        Files.createSymbolicLink(tmp.resolve(".model.link-zz"), Path.of(".model.versions/0000000000000009-partial"));
        Files.createDirectories(tmp.resolve(".model.tmp-abc"));
        Files.createDirectories(tmp.resolve(".model.old-def"));
        Files.writeString(tmp.resolve("model.txt"), "a user's file with a similar name");

        assertEquals(5, VersionedDirectory.removeStale(model));
        assertEquals(List.of(model.toRealPath()), versions(model));
        assertEquals("two", read(model));
        try (Stream<Path> entries = Files.list(tmp)) {
            assertEquals(List.of(".model.versions", "model", "model.txt"), entries.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void anInterruptedSwitchOfTheEarlierSchemeIsRepaired() throws IOException {
        // Killed between "model -> .model.old-X" and ".model.tmp-Y -> model": no model at the path.
        Path old = Files.createDirectories(tmp.resolve(".model.old-1234"));
        Files.writeString(old.resolve(SavedModelExporter.SAVED_MODEL_FILE), "previous");
        Files.createDirectories(tmp.resolve(".model.tmp-5678"));
        Path model = tmp.resolve("model");
        VersionedDirectory.removeStale(model);
        assertEquals("previous", read(model));
        assertFalse(Files.exists(tmp.resolve(".model.tmp-5678"), LinkOption.NOFOLLOW_LINKS));
    }

    private static List<Path> versions(Path model) throws IOException {
        try (Stream<Path> s = Files.list(VersionedDirectory.versionsOf(model))) {
            return s.map(p -> {
                try {
                    return p.toRealPath();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).sorted().toList();
        }
    }
}

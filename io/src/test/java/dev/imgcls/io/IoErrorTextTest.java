package dev.imgcls.io;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JDK's file errors, whose messages are a bare path, in words naming the file. */
class IoErrorTextTest {

    @Test
    void fileErrorsSayWhatHappenedToTheFile() {
        assertEquals("photos/a.jpg: no such file", IoErrorText.describe(new NoSuchFileException("photos/a.jpg")));
        assertEquals("data/x: no files match this pattern",
                IoErrorText.describe(new NoSuchFileException("data/x", null, "no files match this pattern")));
        assertEquals("jobs/run: permission denied", IoErrorText.describe(new AccessDeniedException("jobs/run")));
        assertEquals("out: already exists", IoErrorText.describe(new FileAlreadyExistsException("out")));
        assertEquals("jobs/a -> jobs/b: read-only file system",
                IoErrorText.describe(new FileSystemException("jobs/a", "jobs/b", "Read-only file system")));
    }

    @Test
    void realMissingFileFromTheJdk() {
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> java.nio.file.Files.readAllBytes(Path.of("/nonexistent/nonexist.png")));
        assertEquals("/nonexistent/nonexist.png: no such file", IoErrorText.describe(e));
    }

    @Test
    void fullDiskIsRecognisedAnywhereInTheChain() {
        IOException plain = new IOException(IoErrorText.NO_SPACE);
        assertTrue(IoErrorText.isNoSpace(plain));
        assertEquals("no space left on the device", IoErrorText.describe(plain));
        IOException wrapped = new IOException("writing checkpoint failed", new FileSystemException("jobs/x/ckpt", null, IoErrorText.NO_SPACE));
        assertTrue(IoErrorText.isNoSpace(wrapped));
        assertEquals("jobs/x/ckpt", IoErrorText.fileError(wrapped).getFile());
        assertFalse(IoErrorText.isNoSpace(new IOException("Connection reset")));
        assertNull(IoErrorText.fileError(plain));
    }

    @Test
    void messagesThatNameJavaClassesFallBackToTheirCause() {
        NoSuchFileException cause = new NoSuchFileException("a/b");
        IOException wrapper = new IOException(cause); // message: "java.nio.file.NoSuchFileException: a/b"
        assertTrue(IoErrorText.mentionsJavaClass(wrapper.getMessage()));
        assertEquals("a/b: no such file", IoErrorText.describe(wrapper));
        String noCause = IoErrorText.describe(new IOException("java.lang.IllegalStateException: stream closed"));
        assertEquals("a read or write failed (stream closed)", noCause);
        assertSame(null, IoErrorText.fileError(new IOException("x")));
        assertFalse(IoErrorText.mentionsJavaClass("record 3 of train-00000: label 7 is outside [0, 4]"));
    }
}

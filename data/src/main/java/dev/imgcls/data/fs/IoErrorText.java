package dev.imgcls.data.fs;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;

/**
 * The reason an I/O operation failed, in the words {@code ls} or {@code cp} would use ("permission
 * denied", "no space left on device"), for one-line messages that name the path themselves. The
 * JDK puts the path in the message of some exceptions and the reason in others.
 */
public final class IoErrorText {
    private IoErrorText() {
    }

    /** The reason, without the path or any exception class name. */
    public static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (e instanceof FileAlreadyExistsException exists && exists.getFile() != null) {
            // What Files.createDirectories reports when a file stands where a folder must go.
            return Files.isRegularFile(Path.of(exists.getFile())) ? exists.getFile() + " is a file, not a folder"
                    : exists.getFile() + " already exists";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "the directory is not empty";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return lowerFirst(fse.getReason());
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? "an input/output error" : lowerFirst(message);
    }

    /** The path the failure is about, when the exception names one. */
    public static String path(IOException e) {
        return e instanceof FileSystemException fse ? fse.getFile() : null;
    }

    private static String lowerFirst(String text) {
        return text.isEmpty() || Character.isUpperCase(text.charAt(0)) && text.length() > 1 && Character.isUpperCase(text.charAt(1))
                ? text : text.substring(0, 1).toLowerCase(Locale.ROOT) + text.substring(1);
    }
}

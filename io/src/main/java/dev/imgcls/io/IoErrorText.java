package dev.imgcls.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Input/output errors in plain words for the user, naming the file: the JDK's file exceptions
 * carry only the path as their message ({@code NoSuchFileException: data/x.png}), and their
 * {@code toString} is a Java class name, neither of which tells a user what went wrong.
 */
public final class IoErrorText {

    /** The JDK's text for ENOSPC, in exception messages and in file system exceptions' reasons. */
    public static final String NO_SPACE = "No space left on device";
    /** Something that reads like a Java class name ("java.io.IOException", "FooException"). */
    private static final Pattern CLASS_NAME = Pattern.compile("\\b(?:java|javax|sun|com|dev)\\.[\\w.$]+|\\w+(?:Exception|Error)\\b");

    private IoErrorText() {}

    /** E.g. {@code photos/a.jpg: no such file}, {@code jobs/x: permission denied}. */
    public static String describe(IOException e) {
        if (e instanceof FileSystemException f && f.getFile() != null) {
            return f.getFile() + (f.getOtherFile() == null ? "" : " -> " + f.getOtherFile()) + ": " + reason(f);
        }
        if (isNoSpace(e)) {
            return "no space left on the device";
        }
        String message = e.getMessage();
        if (message != null && !message.isBlank() && !CLASS_NAME.matcher(message).find()) {
            return message;
        }
        if (e.getCause() instanceof IOException cause) {
            return describe(cause);
        }
        return "a read or write failed" + (message == null || message.isBlank() ? "" : " (" + stripClassNames(message) + ")");
    }

    /** What happened to the file, in lower-case words. */
    static String reason(FileSystemException f) {
        if (f instanceof NoSuchFileException) {
            return f.getReason() != null ? f.getReason() : "no such file";
        }
        if (f instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (f instanceof FileAlreadyExistsException) {
            // What Files.createDirectories reports when a file stands where a folder must go.
            return Files.isRegularFile(Path.of(f.getFile())) ? "a file, where a folder is needed" : "already exists";
        }
        if (f instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (f instanceof DirectoryNotEmptyException) {
            return "directory not empty";
        }
        String reason = f.getReason();
        if (reason == null || reason.isBlank()) {
            return "the file system refused the operation";
        }
        // The JDK passes the C library's strerror text ("No space left on device", "Read-only file system").
        return reason.substring(0, 1).toLowerCase(Locale.ROOT) + reason.substring(1);
    }

    /** Whether {@code e} or one of its causes is a full disk (ENOSPC). */
    public static boolean isNoSpace(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String text = t instanceof FileSystemException f ? f.getReason() : t.getMessage();
            if (text != null && text.contains(NO_SPACE)) {
                return true;
            }
        }
        return false;
    }

    /** The first {@link FileSystemException} with a file in the cause chain of {@code e}, or {@code null}. */
    public static FileSystemException fileError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof FileSystemException f && f.getFile() != null) {
                return f;
            }
        }
        return null;
    }

    /** Whether {@code text} names a Java class: such text is for developers, not in a user's message. */
    public static boolean mentionsJavaClass(String text) {
        return text != null && CLASS_NAME.matcher(text).find();
    }

    private static String stripClassNames(String message) {
        return CLASS_NAME.matcher(message).replaceAll("").replaceAll("^[\\s:]+", "").strip();
    }
}

package dev.imgcls.train.command;

import dev.imgcls.data.pipeline.InputPipelineException;
import dev.imgcls.data.tfrecord.CorruptRecordException;
import dev.imgcls.io.IoErrorText;
import dev.imgcls.train.loop.NonFiniteLossException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * Why a training job failed, as the one line the trainer prints: what happened, to which file, and
 * what to do about it, never a Java class name or stack (those only with {@code IMGCLS_DEBUG=1},
 * see {@link TrainCommand}).
 */
final class JobErrorText {
    private static final String INTERNAL = "the job failed on an internal error (a bug in imgcls); run it again with IMGCLS_DEBUG=1"
            + " set for the details to report";

    private JobErrorText() {
    }

    /** @param jobDir the job's {@code --job-dir}, named where the fix is about it */
    static String describe(Throwable e, String jobDir) {
        if (e instanceof InputPipelineException p) {
            if (IoErrorText.mentionsJavaClass(p.getMessage())) {
                // A preprocessing bug: the record that set it off is still worth naming.
                return (p.location() != null ? p.location() + ": " : "") + INTERNAL;
            }
            return p.getMessage() + (p.undecodableImage()
                    ? "; pass --skip_bad_images to skip such images (they are counted and reported at the end)" : "");
        }
        if (e instanceof CorruptRecordException c) {
            return c.getMessage() + "; the file is damaged: copy it again, or write it again with make-tfrecords";
        }
        if (e instanceof NonFiniteLossException) {
            return e.getMessage();
        }
        if (IoErrorText.isNoSpace(e)) {
            FileSystemException f = IoErrorText.fileError(e);
            return "no space left on the device while writing " + (f != null ? f.getFile() : "to " + jobDir)
                    + "; free space on the file system holding " + jobDir
                    + ", then run the same command again to continue from the last checkpoint";
        }
        FileSystemException f = IoErrorText.fileError(e);
        if (f instanceof AccessDeniedException) {
            return accessDenied(f.getFile(), jobDir);
        }
        if (f != null && isWithin(f.getFile(), jobDir)
                && (f instanceof NotDirectoryException || f instanceof FileAlreadyExistsException || "Not a directory".equals(f.getReason()))) {
            // A file where the trainer keeps a folder (or the reverse): not something a rerun fixes.
            return IoErrorText.describe(f) + "; the trainer made no such file there: move it away or use another --job-dir";
        }
        if (e instanceof UncheckedIOException u) {
            return IoErrorText.describe(u.getCause());
        }
        if (e instanceof IOException io) {
            return IoErrorText.describe(io);
        }
        String message = e.getMessage();
        if (message != null && !message.isBlank() && !IoErrorText.mentionsJavaClass(message)) {
            return message;
        }
        return INTERNAL;
    }

    /** Whether local path {@code inner} is {@code outer} or lies inside it. */
    private static boolean isWithin(String inner, String outer) {
        return !inner.startsWith("gs://") && !outer.startsWith("gs://")
                && Path.of(inner).toAbsolutePath().normalize().startsWith(Path.of(outer).toAbsolutePath().normalize());
    }

    private static String accessDenied(String file, String jobDir) {
        if (isWithin(file, jobDir) || isWithin(jobDir, file)) {
            // The job dir itself, a file in it, or a folder above it that it would be created in.
            return "cannot write " + file + ": permission denied; use a --job-dir you can write to or fix the folder's permissions";
        }
        return "cannot use " + file + ": permission denied; make it readable by this user (or writable, if the job writes it)";
    }
}

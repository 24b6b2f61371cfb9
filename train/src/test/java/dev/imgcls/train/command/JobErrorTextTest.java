package dev.imgcls.train.command;

import dev.imgcls.data.pipeline.InputPipelineException;
import dev.imgcls.data.tfrecord.CorruptRecordException;
import dev.imgcls.data.tfrecord.RecordException;
import dev.imgcls.data.tfrecord.RecordLocation;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** A failed job's one line: what happened, to which file, what to do; never Java's names for it. */
class JobErrorTextTest {
    private static final String JOB = "/data/jobs/flowers";

    private static String describe(Throwable e) {
        String line = JobErrorText.describe(e, JOB);
        for (String java : List.of("Exception", "java.", "nio.", "\n")) {
            assertFalse(line.contains(java), "'" + java + "' in: " + line);
        }
        return line;
    }

    @Test
    void fullDiskNamesTheJobDirAndHowToContinue() {
        // What a write gives on ENOSPC: no path, the C library's words.
        assertEquals("no space left on the device while writing to " + JOB + "; free space on the file system holding " + JOB
                + ", then run the same command again to continue from the last checkpoint",
                describe(new IOException("No space left on device")));
        // A file operation that knows its path names it.
        assertEquals("no space left on the device while writing " + JOB + "/checkpoints/.model.ckpt-40.index.tmp; free space on the"
                + " file system holding " + JOB + ", then run the same command again to continue from the last checkpoint",
                describe(new IOException("saving failed", new FileSystemException(JOB + "/checkpoints/.model.ckpt-40.index.tmp", null,
                        "No space left on device"))));
    }

    @Test
    void permissionDeniedInOrAboveTheJobDirSaysToUseAnotherJobDir() {
        String fix = ": permission denied; use a --job-dir you can write to or fix the folder's permissions";
        assertEquals("cannot write " + JOB + "/checkpoints" + fix, describe(new AccessDeniedException(JOB + "/checkpoints")));
        assertEquals("cannot write " + JOB + fix, describe(new AccessDeniedException(JOB)));
        assertEquals("cannot write /data/jobs" + fix, describe(new AccessDeniedException("/data/jobs")));
        assertEquals("cannot use /data/train-00000: permission denied; make it readable by this user (or writable, if the job writes it)",
                describe(new UncheckedIOException(new AccessDeniedException("/data/train-00000"))));
    }

    @Test
    void otherFileErrorsNameTheFile() {
        assertEquals("/data/x.tfrec: no such file", describe(new NoSuchFileException("/data/x.tfrec")));
        assertEquals("/data/x.tfrec: no such file", describe(new UncheckedIOException(new NoSuchFileException("/data/x.tfrec"))));
        assertEquals(JOB + ": read-only file system", describe(new FileSystemException(JOB, null, "Read-only file system")));
    }

    @Test
    void damagedRecordSaysTheFileIsDamaged() {
        RecordLocation at = new RecordLocation("/data/validation-00000", 5, 800);
        String line = describe(new CorruptRecordException(at, "corrupted record at offset 800 (record 5) in /data/validation-00000: "
                + "the checksum of the 120-byte payload does not match"));
        assertEquals("corrupted record at offset 800 (record 5) in /data/validation-00000: the checksum of the 120-byte payload does"
                + " not match; the file is damaged: copy it again, or write it again with make-tfrecords", line);
    }

    @Test
    void bugsPointAtTheDebugVariableInsteadOfPrintingJava() {
        assertEquals("the job failed on an internal error (a bug in imgcls); run it again with IMGCLS_DEBUG=1 set for the details to report",
                describe(new NullPointerException()));
        assertEquals("the job failed on an internal error (a bug in imgcls); run it again with IMGCLS_DEBUG=1 set for the details to report",
                describe(new IllegalStateException("java.lang.ArithmeticException: / by zero")));
        assertEquals("the evaluation read no validation images", describe(new IllegalStateException("the evaluation read no validation images")));
        RecordLocation at = new RecordLocation("/data/train-00001", 9, 4400);
        InputPipelineException bug = new InputPipelineException("training input failed: " + at + ": preprocessing failed: "
                + "java.lang.ArrayIndexOutOfBoundsException: 7", new RecordException(at, "x"));
        assertEquals(at + ": the job failed on an internal error (a bug in imgcls); run it again with IMGCLS_DEBUG=1 set for the"
                + " details to report", describe(bug));
    }
}

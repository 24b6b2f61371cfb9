package dev.imgcls.io;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A jar without the Cloud Storage client (bin/gpu-check's): local paths work, a gs:// path says what is missing. */
class FileSystemsWithoutGcsTest {
    @Test
    void aGcsPathNamesTheMissingClientAndLocalPathsStillWork() {
        LocalFileSystem local = new LocalFileSystem();
        FileSystems fileSystems = new FileSystems(local, () -> {
            throw new NoClassDefFoundError("com/google/cloud/storage/StorageException");
        });
        assertSame(local, fileSystems.resolve("/tmp/data/train-00000"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> fileSystems.resolve("gs://bucket/train-00000"));
        assertTrue(e.getMessage().startsWith("gs:// paths need the Cloud Storage client, which this jar leaves out"), e.getMessage());
        assertTrue(e.getMessage().contains("use local paths, or the full imgcls.jar"), e.getMessage());
        assertFalse(IoErrorText.mentionsJavaClass(e.getMessage()), "the trainer prints it as it is: " + e.getMessage());
        assertTrue(e.getCause() instanceof NoClassDefFoundError);
    }
}

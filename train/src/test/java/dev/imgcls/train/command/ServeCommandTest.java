package dev.imgcls.train.command;

import dev.imgcls.export.savedmodel.SavedModelExporter;
import dev.imgcls.nn.ModelFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The serve command's arguments and start-up failures (the server itself: PredictionServerTest). */
class ServeCommandTest {
    @TempDir
    Path tmp;

    @Test
    void helpNamesTheEndpoints() {
        CommandRun run = CommandRun.of("serve", "--help");
        assertEquals(0, run.status());
        assertTrue(run.out().contains("usage: imgcls serve --model_dir=DIR"), run.out());
        assertTrue(run.out().contains("POST /v1/models/NAME:predict"), run.out());
    }

    @Test
    void badArgumentsAreUsageErrors() {
        CommandRun missing = CommandRun.of("serve", "--port=8080");
        assertEquals(2, missing.status());
        assertTrue(missing.err().contains("missing required argument --model_dir=DIR"), missing.err());
        CommandRun batch = CommandRun.of("serve", "--model_dir=" + tmp, "--max_batch_size=0");
        assertEquals(2, batch.status());
        assertTrue(batch.err().contains("--max_batch_size"), batch.err());
        CommandRun name = CommandRun.of("serve", "--model_dir=" + tmp, "--model_name=a/b");
        assertEquals(2, name.status());
        assertTrue(name.err().contains("--model_name must be a non-empty name without '/' or ':'"), name.err());
    }

    @Test
    void aDirectoryWithoutAModelIsRefused() {
        CommandRun run = CommandRun.of("serve", "--model_dir=" + tmp);
        assertEquals(1, run.status());
        assertTrue(run.err().contains("not a SavedModel exported by imgcls"), run.err());
    }

    @Test
    void aTakenPortIsRefusedWithAHint() throws Exception {
        Path model = tmp.resolve("model");
        SavedModelExporter.export(ModelFactory.create("resnet-18", 3, 1), 16, model);
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CommandRun run = CommandRun.of("serve", "--model_dir=" + model, "--host=127.0.0.1", "--port=" + taken.getLocalPort());
            assertEquals(1, run.status());
            assertTrue(run.err().contains("cannot listen on 127.0.0.1:" + taken.getLocalPort()), run.err());
            assertTrue(run.err().contains("choose another --port"), run.err());
        }
    }
}

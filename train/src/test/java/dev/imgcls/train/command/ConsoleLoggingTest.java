package dev.imgcls.train.command;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The jar's log lines: one line a record, no time stamp or class name, stacks only when debugging. */
class ConsoleLoggingTest {
    @Test
    void aRecordIsOneLineNamingTheToolAndLevel() {
        LogRecord record = new LogRecord(Level.WARNING, "skipping checkpoint {0}, which is damaged\n(details)");
        record.setParameters(new Object[] {"ckpt-5"});
        record.setThrown(new IOException("boom"));
        assertEquals("imgcls: warning: skipping checkpoint ckpt-5, which is damaged (details)" + System.lineSeparator(),
                new ConsoleLogging.OneLine(false).format(record));
        assertEquals("imgcls: error: x" + System.lineSeparator(), new ConsoleLogging.OneLine(false).format(new LogRecord(Level.SEVERE, "x")));
    }

    @Test
    void verboseShowsImgclsDebugRecordsButNotOtherLibraries() {
        Logger root = Logger.getLogger("");
        Handler[] handlers = root.getHandlers();
        Level rootLevel = root.getLevel();
        try {
            ConsoleLogging.configure(Map.of(ConsoleLogging.VERBOSE_VARIABLE, "1"));
            assertTrue(System.getLogger("dev.imgcls.data.pipeline.ReadEpochs").isLoggable(System.Logger.Level.DEBUG));
            assertFalse(System.getLogger("com.google.cloud.storage").isLoggable(System.Logger.Level.DEBUG));
            assertTrue(System.getLogger("com.google.cloud.storage").isLoggable(System.Logger.Level.INFO));
            assertEquals("imgcls: debug: a pass" + System.lineSeparator(), new ConsoleLogging.OneLine(false).format(new LogRecord(Level.FINE, "a pass")));
            ConsoleLogging.configure(Map.of());
            assertFalse(System.getLogger("dev.imgcls.data.pipeline.ReadEpochs").isLoggable(System.Logger.Level.DEBUG));
            assertFalse(System.getLogger("dev.imgcls.data.pipeline.ReadEpochs").isLoggable(System.Logger.Level.INFO));
        } finally {
            for (Handler h : root.getHandlers()) {
                root.removeHandler(h);
            }
            for (Handler h : handlers) {
                root.addHandler(h);
            }
            root.setLevel(rootLevel);
            ConsoleLogging.PROJECT.setLevel(null);
        }
    }

    @Test
    void debuggingAddsTheStack() {
        LogRecord record = new LogRecord(Level.INFO, "found");
        record.setThrown(new IOException("boom"));
        String text = new ConsoleLogging.OneLine(true).format(record);
        assertTrue(text.startsWith("imgcls: info: found" + System.lineSeparator() + "java.io.IOException: boom"), text);
    }
}

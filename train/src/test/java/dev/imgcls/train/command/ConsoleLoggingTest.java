package dev.imgcls.train.command;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
    void debuggingAddsTheStack() {
        LogRecord record = new LogRecord(Level.INFO, "found");
        record.setThrown(new IOException("boom"));
        String text = new ConsoleLogging.OneLine(true).format(record);
        assertTrue(text.startsWith("imgcls: info: found" + System.lineSeparator() + "java.io.IOException: boom"), text);
    }
}

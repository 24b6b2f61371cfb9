package dev.imgcls.train.command;

import java.util.Locale;
import java.util.Map;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * How the jar's log records reach a user: one line each on standard error ({@code imgcls: warning:
 * …}), warnings and errors only. {@value #VERBOSE_VARIABLE}=1 adds the informational records (which
 * checkpoint was found by listing, the SIMD path chosen) and imgcls' own debug records ({@code
 * imgcls: debug: …}, e.g. one line per pass of the training input over its files), not other
 * libraries'; {@value TrainCommand#DEBUG_VARIABLE}=1 adds those and the Java stack of any record
 * that carries one. java.util.logging's default is two lines a record, with a time stamp and a
 * class name, at INFO.
 */
final class ConsoleLogging {
    static final String VERBOSE_VARIABLE = "IMGCLS_VERBOSE";
    /** The parent of imgcls' loggers; held here because java.util.logging forgets the level of a logger nobody references. */
    static final Logger PROJECT = Logger.getLogger("dev.imgcls");

    private ConsoleLogging() {
    }

    static void configure(Map<String, String> environment) {
        boolean debug = "1".equals(environment.get(TrainCommand.DEBUG_VARIABLE));
        boolean verbose = debug || "1".equals(environment.get(VERBOSE_VARIABLE));
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        Handler console = new ConsoleHandler();
        console.setFormatter(new OneLine(debug));
        Level level = verbose ? Level.INFO : Level.WARNING;
        console.setLevel(verbose ? Level.FINE : Level.WARNING);
        root.setLevel(level);
        PROJECT.setLevel(verbose ? Level.FINE : null);
        root.addHandler(console);
    }

    /** {@code imgcls: warning: message}, and the stack only when debugging. */
    static final class OneLine extends Formatter {
        private final boolean withStacks;

        OneLine(boolean withStacks) {
            this.withStacks = withStacks;
        }

        @Override
        public String format(LogRecord record) {
            Level l = record.getLevel();
            String level = l == Level.SEVERE ? "error" : l.intValue() <= Level.FINE.intValue() ? "debug" : l.getName().toLowerCase(Locale.ROOT);
            StringBuilder line = new StringBuilder("imgcls: ").append(level).append(": ")
                    .append(formatMessage(record).replace('\n', ' ')).append(System.lineSeparator());
            if (withStacks && record.getThrown() != null) {
                java.io.StringWriter stack = new java.io.StringWriter();
                record.getThrown().printStackTrace(new java.io.PrintWriter(stack));
                line.append(stack);
            }
            return line.toString();
        }
    }
}

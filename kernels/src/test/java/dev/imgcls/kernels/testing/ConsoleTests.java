package dev.imgcls.kernels.testing;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.ClassNameFilter;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs JUnit tests from jars or class folders without Maven, where the GPU check's folder has only a
 * Java runtime (the JUnit console launcher is not among our build's artifacts):
 * {@code java -cp ... dev.imgcls.kernels.testing.ConsoleTests [--tag=T] [--classes=REGEX] [--exclude=REGEX] ROOT...}.
 * Prints one line per failed test and per distinct skip reason, then the counts; exits 0 when none
 * failed, 1 when one did, 2 when nothing was found or the arguments are wrong.
 */
public final class ConsoleTests {
    private ConsoleTests() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    static int run(String[] args, PrintStream out) {
        String tag = null;
        String classes = ClassNameFilter.STANDARD_INCLUDE_PATTERN;
        String exclude = null;
        List<Path> roots = new ArrayList<>();
        for (String a : args) {
            if (a.startsWith("--tag=")) {
                tag = a.substring("--tag=".length());
            } else if (a.startsWith("--classes=")) {
                classes = a.substring("--classes=".length());
            } else if (a.startsWith("--exclude=")) {
                exclude = a.substring("--exclude=".length());
            } else if (a.startsWith("--")) {
                out.println("tests: unknown option " + a + "; usage: ConsoleTests [--tag=T] [--classes=REGEX] [--exclude=REGEX] JAR_OR_DIR...");
                return 2;
            } else {
                roots.add(Path.of(a));
            }
        }
        if (roots.isEmpty()) {
            out.println("tests: no jar or class folder to scan; usage: ConsoleTests [--tag=T] [--classes=REGEX] [--exclude=REGEX] JAR_OR_DIR...");
            return 2;
        }
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectClasspathRoots(Set.copyOf(roots)))
                .filters(ClassNameFilter.includeClassNamePatterns(classes));
        if (tag != null) {
            request.filters(TagFilter.includeTags(tag));
        }
        if (exclude != null) {
            request.filters(ClassNameFilter.excludeClassNamePatterns(exclude));
        }
        Tally tally = new Tally(out);
        Launcher launcher = LauncherFactory.create();
        LauncherDiscoveryRequest built = request.build();
        launcher.execute(built, tally);
        tally.skipReasons.forEach((reason, n) -> out.println("tests: skipped " + n + ": " + reason));
        out.printf("tests: %d run, %d passed, %d failed, %d skipped%n", tally.passed.get() + tally.failed.get(), tally.passed.get(),
                tally.failed.get(), tally.skipped.get());
        if (tally.passed.get() + tally.failed.get() + tally.skipped.get() == 0) {
            out.println("tests: none found in " + roots + " (classes " + classes + (tag == null ? "" : ", tag " + tag) + ")");
            return 2;
        }
        return tally.failed.get() == 0 ? 0 : 1;
    }

    /** Counts the tests (not the containers) by outcome; prints failures as they happen. */
    private static final class Tally implements TestExecutionListener {
        private final PrintStream out;
        private final AtomicInteger passed = new AtomicInteger();
        private final AtomicInteger failed = new AtomicInteger();
        private final AtomicInteger skipped = new AtomicInteger();
        private final Map<String, Integer> skipReasons = new LinkedHashMap<>();

        Tally(PrintStream out) {
            this.out = out;
        }

        @Override
        public synchronized void executionSkipped(TestIdentifier test, String reason) {
            skipped.incrementAndGet();
            skipReasons.merge(reason, 1, Integer::sum);
        }

        @Override
        public synchronized void executionFinished(TestIdentifier test, TestExecutionResult result) {
            switch (result.getStatus()) {
                case SUCCESSFUL -> {
                    if (test.isTest()) {
                        passed.incrementAndGet();
                    }
                }
                case ABORTED -> {
                    if (test.isTest()) {
                        skipped.incrementAndGet();
                        skipReasons.merge(message(result), 1, Integer::sum);
                    }
                }
                case FAILED -> {
                    failed.incrementAndGet(); // a failed container (e.g. @BeforeAll) counts once
                    out.println("tests: FAILED " + test.getDisplayName() + " [" + test.getUniqueId() + "]: " + message(result));
                    result.getThrowable().ifPresent(t -> {
                        for (StackTraceElement e : t.getStackTrace()) {
                            if (e.getClassName().startsWith("dev.imgcls.")) {
                                out.println("tests:     at " + e);
                                break;
                            }
                        }
                    });
                }
                default -> throw new IllegalStateException("unknown status " + result.getStatus());
            }
        }

        private static String message(TestExecutionResult result) {
            return result.getThrowable().map(t -> t.getClass().getSimpleName() + ": " + t.getMessage()).orElse("(no reason given)");
        }
    }
}

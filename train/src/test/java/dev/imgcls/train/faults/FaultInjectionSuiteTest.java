package dev.imgcls.train.faults;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fault-injection suite (issue 14): real trainer processes killed at random instants and at
 * fault points inside checkpoint writes and the model switch, a full disk, two trainers on one
 * job directory, unusable paths, corrupt inputs, and a second user. Every probe adds a row to
 * one table, printed at the end and written to {@code target/fault-injection-report.txt}.
 * Small under {@code mvn verify}; {@code -Pfaults} runs it in full (see {@link SuiteSettings}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultInjectionSuiteTest {
    static final Path REPORT = Path.of(System.getProperty("basedir", "."), "target", "fault-injection-report.txt");

    /** Room for the jobs kept at once (passing ones are deleted as they are judged). */
    static final long FAST_BYTES = 6L << 30;

    @TempDir
    static Path tmp;
    static SuiteContext ctx;
    /** The memory-backed file system the jobs run on, when root may mount one. */
    static Tmpfs fast;
    static boolean referenceMade;
    static final ProbeTable table = new ProbeTable();

    @BeforeAll
    static void setUp() throws IOException, InterruptedException {
        SuiteSettings settings = SuiteSettings.fromSystemProperties();
        // The other user must reach the data and its own folders below this one.
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        // Jobs write ~0.4 GB each, fsynced: on a tmpfs the suite spends its time on the faults, not
        // on the disk. A kill -9 is a process death, so the page cache is all a kill can lose either way.
        fast = Tmpfs.mount(tmp.resolve("fs"), FAST_BYTES, new String[1]);
        Path root = fast != null ? fast.dir : tmp;
        TinyJob job = TinyJob.write(root.resolve("data"));
        OtherUser.makeReadable(root.resolve("data"));
        String java = TrainerLauncher.currentJava();
        String classPath = System.getProperty("java.class.path");
        Optional<String> missing = OtherUser.unavailable(java);
        OtherUser other = missing.isEmpty() ? OtherUser.prepare(classPath, tmp.resolve("shared")) : null;
        TrainerLauncher launcher = new TrainerLauncher(java, classPath, other, tmp.resolve("logs"));
        ctx = new SuiteContext(settings, root, launcher, job, other, missing.orElse(null), table);
        referenceMade = ReferenceRun.run(ctx);
    }

    @AfterAll
    static void report() throws IOException, InterruptedException {
        String header = ctx == null ? "fault-injection suite (not set up)" : ctx.settings.describe()
                + (fast != null ? ", jobs on a tmpfs" : ", jobs on " + tmp);
        System.out.println("\n" + header + "\n" + table.format());
        table.write(REPORT, header);
        System.out.println("report with failure details: " + REPORT.toAbsolutePath().normalize());
        if (fast != null) {
            fast.close();
        }
    }

    @Test
    @Order(0)
    void uninterruptedReferenceRun() {
        assertClean(ReferenceRun.GROUP);
        assertTrue(referenceMade, "the uninterrupted reference run failed; nothing else can be judged");
    }

    @Test
    @Order(1)
    void crashedAtFaultPointsAndKilledAtRandomInstants() throws IOException, InterruptedException {
        requireReference();
        if (ctx.settings.full()) {
            CrashHookProbe.separateJobs(ctx);
            RandomKillProbe.run(ctx, null);
        } else {
            // One job takes the crashes and the kills in turn: fewer resumes, a small suite.
            FaultedJob job = new FaultedJob(ctx, "kills");
            CrashHookProbe.inJob(ctx, job);
            RandomKillProbe.run(ctx, job);
        }
        assertClean(CrashHookProbe.GROUP);
        assertClean(RandomKillProbe.GROUP);
    }

    @Test
    @Order(3)
    void diskFull() throws IOException, InterruptedException {
        requireReference();
        DiskFullProbe.run(ctx, ctx.reference().dir());
        if (ctx.settings.full()) {
            EnospcHookProbe.run(ctx, HookTargets.choose(ctx.reference().trace(), true, ctx.random), "hook");
        }
        assertClean(DiskFullProbe.GROUP);
    }

    @Test
    @Order(4)
    void twoTrainersOnOneJobDirectory() throws IOException, InterruptedException {
        requireReference();
        TwoTrainersProbe.run(ctx);
        TwoTrainersProbe.staleLocks(ctx);
        assertClean(TwoTrainersProbe.GROUP);
    }

    @Test
    @Order(5)
    void unusablePaths() throws IOException, InterruptedException {
        requireReference();
        PathProbes.run(ctx);
        assertClean(PathProbes.GROUP);
    }

    @Test
    @Order(6)
    void corruptInputs() throws IOException, InterruptedException {
        requireReference();
        CorruptInputProbe.run(ctx);
        assertClean(CorruptInputProbe.GROUP);
    }

    @Test
    @Order(7)
    void twoUsersAndTheirUmasks() throws IOException, InterruptedException {
        requireReference();
        TwoUsersProbe.run(ctx);
        assertClean(TwoUsersProbe.GROUP);
    }

    private static void requireReference() {
        assertTrue(referenceMade, "no reference run");
    }

    private static void assertClean(String group) {
        List<ProbeTable.Row> failed = table.failures(group);
        assertTrue(failed.isEmpty(), () -> failed.size() + " failed probe(s) in '" + group + "': " + failed
                + "\n(details in " + REPORT + ")");
    }
}

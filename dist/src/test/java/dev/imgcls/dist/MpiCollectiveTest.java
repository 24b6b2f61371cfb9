package dev.imgcls.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real multi-process jobs: mpirun starts {@link MpiProbeMain} as 3 (or 2) JVMs over loopback TCP.
 * Skipped with the reason where mpirun is not installed (.ci/run installs openmpi-bin).
 */
class MpiCollectiveTest {
    /** Generous for 3 JVM starts on a loaded 2-core machine; a hang would run into it. */
    static final long BOUND_SECONDS = 60;

    @BeforeAll
    static void needsMpirun() {
        assumeTrue(mpirun() != null, "mpirun not found on PATH (Debian: apt-get install openmpi-bin)");
        try {
            NativeLibrary.getInstance(OpenMpi.LIBRARY);
        } catch (UnsatisfiedLinkError e) {
            assumeTrue(false, "mpirun is here but Open MPI's " + OpenMpi.LIBRARY + " is not (another MPI?): " + e.getMessage());
        }
    }

    @Test
    void allReduceBroadcastAndBarrierAgreeAcrossThreeRanks() throws Exception {
        Run run = launch(3, "collectives");
        assertEquals(0, run.status, run.output);
        for (int r = 0; r < 3; r++) {
            assertTrue(run.output.contains("rank " + r + ": OK Open MPI engine, rank " + r + " of 3"), "rank " + r + " did not pass:\n" + run.output);
            assertTrue(run.output.contains("rank " + r + " of 3, local rank " + r + " from mpirun's"), run.output);
        }
    }

    @Test
    void aRankKilledWithSigkillEndsTheJobWithoutHangingTheOthers() throws Exception {
        Run run = launch(3, "kill");
        assertTrue(run.output.contains("rank 1: killing myself"), run.output);
        assertNotEquals(0, run.status, run.output);
        assertTrue(!run.output.contains("survived"), run.output);
        assertTrue(run.output.contains("mpirun noticed that process rank 1 with PID") && run.output.contains("exited on signal 9 (Killed)"),
                run.output);
    }

    @Test
    void aRankThatStopsCallingMakesTheOthersExitWithTheNamedTimeout() throws Exception {
        Run run = launch(2, "hang", "2");
        assertTrue(run.output.contains("rank 0: stops calling"), run.output);
        assertNotEquals(0, run.status, run.output);
        assertTrue(run.output.contains("error: MPI_Allreduce of 10 floats on rank 1 of 2 did not complete"
                + " within 2 s"), run.output);
        assertTrue(!run.output.contains("returned without rank 0"), run.output);
    }

    record Run(int status, String output) {
    }

    static Run launch(int ranks, String... args) throws IOException, InterruptedException, URISyntaxException {
        Path log = Files.createTempFile("mpirun", ".log");
        List<String> cmd = new ArrayList<>(List.of(mpirun(), "--allow-run-as-root", "--oversubscribe", "--bind-to", "none",
                "--mca", "btl", "self,tcp", "--mca", "btl_tcp_if_include", "lo", "--mca", "oob_tcp_if_include", "lo",
                "-np", Integer.toString(ranks),
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx64m", "-cp", classPath(), MpiProbeMain.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("OMPI_ALLOW_RUN_AS_ROOT", "1");
        pb.environment().put("OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "1");
        long start = System.nanoTime();
        Process p = pb.start();
        boolean done = p.waitFor(BOUND_SECONDS, TimeUnit.SECONDS);
        if (!done) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor();
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        assertTrue(done, "mpirun " + String.join(" ", args) + " still running after " + BOUND_SECONDS + " s:\n" + out);
        System.out.printf("[MpiCollectiveTest] mpirun -np %d %s: status %d after %.1f s%n", ranks, String.join(" ", args), p.exitValue(),
                (System.nanoTime() - start) / 1e9);
        return new Run(p.exitValue(), out);
    }

    /** The probe's classes, the engine's and JNA's jar. */
    static String classPath() throws URISyntaxException {
        List<String> parts = new ArrayList<>();
        for (Class<?> c : List.of(MpiProbeMain.class, MpiCollective.class, Native.class)) {
            String p = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
            if (!parts.contains(p)) {
                parts.add(p);
            }
        }
        return String.join(File.pathSeparator, parts);
    }

    static String mpirun() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, "mpirun");
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }
}

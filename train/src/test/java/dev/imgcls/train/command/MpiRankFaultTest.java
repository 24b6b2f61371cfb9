package dev.imgcls.train.command;

import dev.imgcls.train.demo.PatternDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Faults of real trainer processes under {@code mpirun -np 2}: a rank killed with SIGKILL, or
 * stopped with SIGSTOP, mid-training ends the whole job within a bounded time with a line that says
 * what happened, and only the chief has written into the job directory.
 */
class MpiRankFaultTest {
    /** JVM starts, model building and the first step of two ranks on a loaded 2-core machine. */
    private static final long START_SECONDS = 240;
    /** From the fault to mpirun's end; mpirun itself takes about 2 s, the timeout test about 8 s. */
    private static final long END_SECONDS = 60;
    private static final int COLLECTIVE_TIMEOUT_SECONDS = 6;
    /** A rank's exit status after a collective timeout (dist's Watchdog), as timeout(1)'s; mpirun passes it on. */
    private static final int TIMEOUT_STATUS = 124;

    @TempDir
    Path tmp;

    @Test
    void aRankKilledWithSigkillEndsTheJobAndMpirunNamesIt() throws IOException, InterruptedException {
        String mpirun = MpiTrainers.mpirun();
        assumeTrue(mpirun != null, MpiTrainers.NO_MPIRUN);
        Path job = tmp.resolve("job");
        MpiTrainers.Launch launch = start(mpirun, job, List.of());
        try {
            awaitTraining(launch);
            long rank0 = rankPid(launch, 0);
            long rank1 = rankPid(launch, 1);
            assertChiefAloneHoldsTheJobDirectory(job, rank0, rank1, launch.output());

            ProcessHandle.of(rank1).orElseThrow().destroyForcibly(); // SIGKILL on Linux
            boolean ended = launch.await(END_SECONDS);
            String out = launch.output();
            assertTrue(ended, "mpirun still running " + END_SECONDS + " s after rank 1 was killed:\n" + out);
            assertNotEquals(0, launch.process().exitValue(), out);
            // mpirun's one line names the rank and the signal; the survivor saved nothing it could not finish.
            assertTrue(out.contains("mpirun noticed that process rank 1 with PID") && out.contains("exited on signal 9 (Killed)"),
                    "mpirun does not name the killed rank:\n" + out);
            assertFalse(out.contains("saved checkpoint"), out);
            assertFalse(running(rank0), "rank 0 outlived mpirun:\n" + out);

            // What the job directory holds was written by the chief: its lock, its one event file.
            assertEquals("pid=" + rank0, Files.readAllLines(job.resolve(".imgcls.lock")).get(0), out);
            try (Stream<Path> walk = Files.walk(job)) {
                List<String> files = walk.filter(Files::isRegularFile).map(p -> job.relativize(p).toString()).sorted().toList();
                assertEquals(1, files.stream().filter(f -> f.startsWith("checkpoints/events.out.tfevents.")).count(), files + "\n" + out);
                assertTrue(files.stream().noneMatch(f -> f.startsWith("model/") || f.equals("final_metrics.json")), files + "\n" + out);
            }
        } finally {
            launch.await(0);
        }
    }

    @Test
    void aStoppedRankMakesTheOthersFailWithTheNamedTimeout() throws IOException, InterruptedException {
        String mpirun = MpiTrainers.mpirun();
        assumeTrue(mpirun != null, MpiTrainers.NO_MPIRUN);
        Path job = tmp.resolve("job");
        MpiTrainers.Launch launch = start(mpirun, job, List.of("--collective_timeout_s=" + COLLECTIVE_TIMEOUT_SECONDS));
        try {
            awaitTraining(launch);
            long rank0 = rankPid(launch, 0);
            long rank1 = rankPid(launch, 1);
            signal("STOP", rank1);
            // Rank 0 is soon blocked in the step's all-reduce; a SIGTERM now (a user's Ctrl-C, a preempted VM) must
            // not hold it there past the timeout, and its line says what it waits for rather than promise a checkpoint.
            Thread.sleep(COLLECTIVE_TIMEOUT_SECONDS * 1000L / 2);
            ProcessHandle.of(rank0).orElseThrow().destroy(); // SIGTERM on Linux
            boolean ended = launch.await(END_SECONDS);
            String out = launch.output();
            assertTrue(ended, "mpirun still running " + END_SECONDS + " s after rank 1 was stopped:\n" + out);
            assertTrue(out.contains("shutting down while waiting for the other ranks (MPI_Allreduce of ") && out.contains(" on rank 0 of 2 for "),
                    "rank 0 does not say what it waits for:\n" + out);
            assertTrue(out.matches("(?s).*\nerror: MPI_Allreduce of \\d+ floats on rank 0 of 2 did not complete within "
                    + COLLECTIVE_TIMEOUT_SECONDS + " s \\(--collective_timeout_s\\): a rank stopped calling it or the network is down\n.*"),
                    "rank 0 does not fail with the named timeout:\n" + out);
            assertEquals(TIMEOUT_STATUS, launch.process().exitValue(), "mpirun passes on rank 0's status:\n" + out);
            assertFalse(out.contains("saved checkpoint"), out);
        } finally {
            launch.await(0);
        }
    }

    /** Two ranks training a job far longer than the test: the faults come mid-training. */
    private MpiTrainers.Launch start(String mpirun, Path job, List<String> more) throws IOException {
        PatternDataset.Written data = PatternDataset.write(tmp.resolve("data"), 8, 24, 2, 5);
        List<String> args = Stream.concat(Stream.of("--training_data_path=" + data.trainingPattern(),
                "--validation_data_path=" + data.validationPattern(), "--job-dir=" + job, "--num_classes=" + data.numClasses(),
                "--max_steps=1000", "--eval_every_steps=1000", "--train_batch_size=8", "--image_size=32", "--model_type=resnet-18",
                "--seed=17", "--data_sharding=batches", "--threads=1", "--device=cpu"), more.stream()).toList();
        return MpiTrainers.start(mpirun, 2, tmp.resolve("mpirun.log"), args);
    }

    /** Returns once the chief has finished a step, which took both ranks' gradients. */
    private static void awaitTraining(MpiTrainers.Launch launch) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_SECONDS * 1_000_000_000L;
        while (!launch.output().contains("\nstep 1/")) {
            if (!launch.process().isAlive()) {
                fail("mpirun ended before training:\n" + launch.output());
            }
            if (System.nanoTime() > deadline) {
                fail("no training step after " + START_SECONDS + " s:\n" + launch.output());
            }
            Thread.sleep(100);
        }
        assertTrue(launch.output().contains("rank 1 of 2: starting at step 0"), launch.output());
    }

    /** The JVM mpirun started as {@code rank}, known by the rank mpirun put in its environment. */
    private static long rankPid(MpiTrainers.Launch launch, int rank) throws IOException {
        List<ProcessHandle> ranks = launch.process().descendants().filter(p -> environment(p.pid()).contains("OMPI_COMM_WORLD_RANK=" + rank))
                .toList();
        assertEquals(1, ranks.size(), "processes of rank " + rank + ": " + ranks + "\n" + launch.output());
        return ranks.get(0).pid();
    }

    /** Whether {@code pid} has not ended (a zombie has ended: it waits for whoever inherits it from mpirun to reap it). */
    private static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.UTF_8);
            return !stat.substring(stat.lastIndexOf(')') + 1).trim().startsWith("Z");
        } catch (IOException e) {
            return false;
        }
    }

    private static List<String> environment(long pid) {
        try {
            return Arrays.asList(new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ")), StandardCharsets.UTF_8)
                    .split("\0"));
        } catch (IOException e) {
            return List.of(); // a process that has just ended, or mpirun's own helpers
        }
    }

    /** While both train: the chief holds the job directory's lock, and rank 1 has nothing in it open. */
    private static void assertChiefAloneHoldsTheJobDirectory(Path job, long rank0, long rank1, String out) throws IOException {
        assertEquals("pid=" + rank0, Files.readAllLines(job.resolve(".imgcls.lock")).get(0), out);
        Path realJob = job.toRealPath();
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(rank1), "fd"))) {
            List<Path> open = fds.map(MpiRankFaultTest::target).filter(t -> t != null && t.startsWith(realJob)).toList();
            assertEquals(List.of(), open, "rank 1 has files of the job directory open:\n" + out);
        }
    }

    private static Path target(Path fd) {
        try {
            return Files.readSymbolicLink(fd);
        } catch (IOException e) {
            return null; // closed meanwhile
        }
    }

    private static void signal(String name, long pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start();
        assertEquals(0, kill.waitFor(), "kill -" + name + " " + pid);
    }
}

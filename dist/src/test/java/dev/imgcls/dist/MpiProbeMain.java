package dev.imgcls.dist;

import java.time.Duration;
import java.util.Arrays;

/**
 * One rank of the jobs {@link MpiCollectiveTest} launches with mpirun. Modes: {@code collectives}
 * checks every operation against the sums and copies it must produce and prints "rank r: OK";
 * {@code kill} has rank 1 SIGKILL itself while the others wait in an all-reduce; {@code hang} has
 * rank 0 stop calling while the others wait, with the timeout given as the second argument.
 */
public final class MpiProbeMain {
    private MpiProbeMain() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        RankDiscovery.Result where = RankDiscovery.discover();
        System.out.println(where.describe());
        Duration timeout = args.length > 1 ? Duration.ofSeconds(Long.parseLong(args[1])) : Collectives.Options.DEFAULT_TIMEOUT;
        // A chunk of 7 elements: every buffer below goes over in several MPI calls.
        try (Collective c = Collectives.open(where, new Collectives.Options(timeout, 7))) {
            switch (mode) {
                case "collectives" -> collectives(c, where);
                case "kill" -> kill(c);
                case "hang" -> hang(c);
                default -> throw new IllegalArgumentException("mode " + mode);
            }
        }
    }

    private static void collectives(Collective c, RankDiscovery.Result where) {
        int r = c.rank();
        int n = c.size();
        check(c instanceof MpiCollective, "engine " + c.getClass().getSimpleName());
        check(r == where.rank() && n == where.size(), "MPI says " + r + "/" + n + ", discovery " + where.describe());
        check(c.describe().contains("Open MPI"), c.describe());

        // Floats: a 90-element range inside a 100-element array; the ends must be left alone.
        float[] f = new float[100];
        for (int i = 0; i < f.length; i++) {
            f[i] = r + 0.5f * i;
        }
        c.allReduceSum(f, 3, 90);
        for (int i = 0; i < f.length; i++) {
            float want = i >= 3 && i < 93 ? n * (n - 1) / 2f + n * 0.5f * i : r + 0.5f * i;
            check(f[i] == want, "float all-reduce [" + i + "] = " + f[i] + ", want " + want);
        }
        // Longs beyond float and int precision.
        long[] l = new long[23];
        for (int i = 0; i < l.length; i++) {
            l[i] = (1L << 40) + (long) r * i;
        }
        c.allReduceSum(l);
        for (int i = 0; i < l.length; i++) {
            long want = n * (1L << 40) + (long) n * (n - 1) / 2 * i;
            check(l[i] == want, "long all-reduce [" + i + "] = " + l[i] + ", want " + want);
        }
        // Broadcast from the last rank (not 0), of a range, and of longs from rank 1.
        int root = n - 1;
        float[] b = new float[20];
        Arrays.fill(b, -1f);
        for (int i = 2; i < 19; i++) {
            b[i] = r == root ? 1000f + i : -2f;
        }
        c.broadcast(b, 2, 17, root);
        for (int i = 0; i < b.length; i++) {
            float want = i >= 2 && i < 19 ? 1000f + i : -1f;
            check(b[i] == want, "float broadcast [" + i + "] = " + b[i] + ", want " + want);
        }
        long[] bl = new long[9];
        Arrays.fill(bl, r == 1 ? Long.MIN_VALUE + 5 : 0);
        c.broadcast(bl, 1);
        check(Arrays.stream(bl).allMatch(v -> v == Long.MIN_VALUE + 5), "long broadcast " + Arrays.toString(bl));
        c.barrier();
        // The JVM turns SIGSEGV in compiled code into NullPointerException; MPI_Init must not have
        // replaced that handler (Open MPI leaves signals that already have one alone).
        check(nullPointersCaught(20_000) == 20_000, "NullPointerException after MPI_Init");
        System.out.println("rank " + r + ": OK " + c.describe());
    }

    private static int nullPointersCaught(int times) {
        int caught = 0;
        int[][] rows = new int[1][];
        for (int i = 0; i < times; i++) {
            try {
                caught += rows[0].length;
            } catch (NullPointerException e) {
                caught++;
            }
        }
        return caught;
    }

    private static void kill(Collective c) throws Exception {
        c.barrier();
        if (c.rank() == 1) {
            System.out.println("rank 1: killing myself");
            System.out.flush();
            new ProcessBuilder("kill", "-9", Long.toString(ProcessHandle.current().pid())).start().waitFor();
            Thread.sleep(60_000);
        }
        for (int i = 0; i < 1000; i++) {
            c.allReduceSum(new float[1000], 0, 1000);
            Thread.sleep(10);
        }
        System.out.println("rank " + c.rank() + ": survived the loss of rank 1");
    }

    private static void hang(Collective c) throws Exception {
        c.barrier();
        if (c.rank() == 0) {
            System.out.println("rank 0: stops calling");
            System.out.flush();
            Thread.sleep(120_000);
        }
        c.allReduceSum(new float[10], 0, 10);
        System.out.println("rank " + c.rank() + ": all-reduce returned without rank 0");
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            System.out.println("FAIL " + what);
            System.out.flush();
            System.exit(1);
        }
    }
}

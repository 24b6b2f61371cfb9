package dev.imgcls.train.command;

import dev.imgcls.kernels.cpu.Parallel;

import java.io.PrintStream;

/**
 * The one rule every command sizes its threads by: {@code --threads=N} means N, and 0 (every
 * command's default) means every core the JVM may use. {@code train} and {@code bench} give the
 * kernels' CPU pool and the image decoders that many, {@code make-tfrecords} its image readers, and
 * {@code tune} divides them among its parallel trials. The pool itself stays the engine's
 * ({@link Parallel}): it reads its size once, when its class is first used, from
 * {@value #PROPERTY}, which {@link #configure} sets.
 */
final class Threads {
    static final String PROPERTY = "imgcls.threads";

    private Threads() {
    }

    /** @param flag {@code --threads}: N > 0, or 0 for all cores */
    static int resolve(int flag) {
        if (flag < 0) {
            throw new IllegalArgumentException("--threads must be >= 0, got " + flag);
        }
        return flag > 0 ? flag : Runtime.getRuntime().availableProcessors();
    }

    /**
     * Sizes the compute pool from {@code --threads} before it starts (0 keeps its default, all cores
     * or {@code -Dimgcls.threads}). Returns false, having said why on {@code err}, when the pool was
     * already started with another size in this JVM.
     */
    static boolean configure(int flag, PrintStream err) {
        if (flag == 0) {
            return true;
        }
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, Integer.toString(flag));
        }
        if (Parallel.threads() != flag) {
            err.println("note: the compute pool was already started with " + Parallel.threads()
                    + " threads; --threads=" + flag + " applies to a new process (or pass -D" + PROPERTY + "=" + flag + ")");
            return false;
        }
        return true;
    }
}

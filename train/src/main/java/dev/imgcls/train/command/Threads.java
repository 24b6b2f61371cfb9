package dev.imgcls.train.command;

import dev.imgcls.kernels.cpu.Parallel;

/** Applies {@code --threads} to the compute pool, which reads it once, when its class is first used. */
final class Threads {
    private static final String PROPERTY = "imgcls.threads";

    private Threads() {
    }

    /** @param threads {@code --threads}: 0 keeps the default (all cores) */
    static void configure(int threads) {
        if (threads > 0 && System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, Integer.toString(threads));
        }
        if (threads > 0 && Parallel.threads() != threads) {
            System.err.println("note: the compute pool was already started with " + Parallel.threads()
                    + " threads; --threads=" + threads + " applies to a new process");
        }
    }
}

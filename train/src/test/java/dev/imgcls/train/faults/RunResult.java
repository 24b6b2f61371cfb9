package dev.imgcls.train.faults;

/**
 * How one trainer process ended: its exit status (137 when killed, as a shell reports SIGKILL),
 * both output streams and its wall time.
 */
record RunResult(int status, String out, String err, double seconds, boolean killed, boolean timedOut) {
    static final int KILLED = 137;

    String describe() {
        String how = timedOut ? "timed out after " : killed ? "killed after " : "exit " + status + " after ";
        return how + String.format("%.1f s", seconds) + "\n--- stdout (tail)\n" + tail(out) + "\n--- stderr (tail)\n" + tail(err);
    }

    private static String tail(String text) {
        String[] lines = text.strip().split("\n");
        int from = Math.max(0, lines.length - 15);
        return String.join("\n", java.util.Arrays.copyOfRange(lines, from, lines.length));
    }
}

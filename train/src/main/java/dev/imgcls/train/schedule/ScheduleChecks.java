package dev.imgcls.train.schedule;

/** Argument checks shared by the schedules; messages name the command-line flag. */
final class ScheduleChecks {
    private ScheduleChecks() {
    }

    static void requireRate(String flag, double rate) {
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException(flag + " must be a finite number >= 0, got " + rate);
        }
    }
}

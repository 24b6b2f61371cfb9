package dev.imgcls.nn.schedule;

/** Argument checks shared by the schedules; messages name the Java parameter. */
final class ScheduleChecks {
    private ScheduleChecks() {
    }

    static void requireRate(String parameter, double rate) {
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException(parameter + " must be a finite number >= 0, got " + rate);
        }
    }
}

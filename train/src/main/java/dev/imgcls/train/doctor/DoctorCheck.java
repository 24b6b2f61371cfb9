package dev.imgcls.train.doctor;

/** One item of the doctor's list: it runs, prints a line or a few, and passes or names its problem. */
public interface DoctorCheck {
    /** A word or two for the verdict line ("driver", "training resnet-18"). */
    String name();

    /** Runs the check; a check's own exceptions are turned into a failure by {@link Doctor}. */
    CheckResult run();

    /** Whether the checks after this one are pointless when it fails (no library, no device work). */
    default boolean prerequisite() {
        return false;
    }
}

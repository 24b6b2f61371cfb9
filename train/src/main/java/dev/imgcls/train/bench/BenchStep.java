package dev.imgcls.train.bench;

/**
 * The measured work of one benchmark step on its batch, run inside the step's memory scope. It
 * returns a figure read back from the device (the loss, or the mean logit), so the step's time
 * includes all the device work it queued.
 */
interface BenchStep {

    /** Runs the step on a host batch; returns the figure printed with the step ({@link BenchMode#valueName()}). */
    double run(StepBatch batch);
}

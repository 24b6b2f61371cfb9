/**
 * Learning-rate schedules of the built-in algorithm (seed-spec §2.4, the TPU detection framework's
 * {@code learning_rates.py} that shares its argument names): a linear warm-up followed by cosine
 * decay to zero at {@code max_steps}, or by stepwise levels. A schedule is a pure function of the
 * global step, so resuming from a checkpoint needs nothing but the step.
 */
package dev.imgcls.nn.schedule;

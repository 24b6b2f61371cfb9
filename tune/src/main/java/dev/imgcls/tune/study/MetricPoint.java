package dev.imgcls.tune.study;

/** One reported metric value of a trial, at the training step it was measured. */
public record MetricPoint(long step, double value) {
}

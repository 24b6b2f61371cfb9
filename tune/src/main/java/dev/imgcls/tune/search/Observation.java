package dev.imgcls.tune.search;

import dev.imgcls.tune.space.Assignment;

/** A finished trial as a search algorithm sees it: its parameters and its metric value. */
public record Observation(Assignment assignment, double value) {
}

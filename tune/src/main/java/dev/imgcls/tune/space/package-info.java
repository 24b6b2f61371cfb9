/** Points of a search space (parameter values of a trial) and the unit-interval scalings of numeric ranges. */
package dev.imgcls.tune.space;

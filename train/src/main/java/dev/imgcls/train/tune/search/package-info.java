/**
 * Search algorithms behind {@link dev.imgcls.train.tune.search.Suggester}: grid, random, and the default
 * Gaussian-process bandit. All are deterministic for a seed.
 */
package dev.imgcls.train.tune.search;

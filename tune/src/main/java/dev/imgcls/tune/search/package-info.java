/**
 * Search algorithms behind {@link dev.imgcls.tune.search.Suggester}: grid, random, and the default
 * Gaussian-process bandit. All are deterministic for a seed.
 */
package dev.imgcls.tune.search;

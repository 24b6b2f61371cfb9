/**
 * The Gaussian process of the default search: Matérn 5/2 kernel with ARD length scales, MAP fit of the
 * hyperparameters, posterior with pending points, and the acquisition maximiser. Plain double arithmetic.
 */
package dev.imgcls.tune.search.gp;

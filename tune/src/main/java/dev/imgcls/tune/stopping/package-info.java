/** Early stopping of unpromising trials ({@code enableTrialEarlyStopping}): the median stopping rule. */
package dev.imgcls.tune.stopping;

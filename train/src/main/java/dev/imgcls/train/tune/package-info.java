/** Hyperparameter tuning: the {@code tune} command. */
package dev.imgcls.train.tune;

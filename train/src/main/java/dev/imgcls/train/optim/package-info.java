/**
 * The trainer's loss: label-smoothed softmax cross entropy plus L2 weight decay. The optimizers
 * it feeds are the library's ({@link dev.imgcls.nn.optim}).
 */
package dev.imgcls.train.optim;

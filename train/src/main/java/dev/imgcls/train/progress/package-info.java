/** The console progress of a training job: a start line, rate-limited step lines with an ETA, an end summary. */
package dev.imgcls.train.progress;

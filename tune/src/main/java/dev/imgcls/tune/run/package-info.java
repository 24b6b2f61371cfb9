/**
 * Running a study: trials as training subprocesses in {@code <job-dir>/<trial id>/}, their cloudml-hypertune
 * metric files, early stopping, failures, resume, and the console table.
 */
package dev.imgcls.tune.run;

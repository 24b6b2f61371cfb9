/**
 * The per-class evaluation report: a confusion matrix tallied over an evaluation
 * ({@link dev.imgcls.train.report.EvaluationTally}), per-class precision, recall, F1 and support
 * ({@link dev.imgcls.train.report.ClassMetrics}), and the files written from them into a folder
 * ({@link dev.imgcls.train.report.ReportFiles}): {@code report.json}, {@code per_class.csv},
 * {@code confusion_matrix.csv}, {@code confusion_matrix.png} and {@code worst.html}. Pictures are
 * drawn with the JDK's own java.awt and javax.imageio, headless.
 */
package dev.imgcls.train.report;

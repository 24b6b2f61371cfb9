/**
 * Metric files: the hyperparameter-tuning metric file in exactly the format of Google's
 * {@code cloudml-hypertune} package (seed-spec §1.9), which the tuning service reads, and a JSON
 * summary of a job's final and best evaluation.
 *
 * <p>JSON is written by hand rather than with gson (which the dependency BOM offers): both formats
 * are a few flat keys, and the tuning file must reproduce Python's own output byte for byte —
 * {@code json.dumps(sort_keys=True)} separators, {@code ensure_ascii} escapes and {@code repr}
 * of floats ("1e-05", "0.5", "1.0") — which a general JSON library would only get in the way of.
 */
package dev.imgcls.train.metrics;

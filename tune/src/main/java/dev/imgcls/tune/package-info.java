/**
 * Hyperparameter tuning: the {@code tune} command ({@link dev.imgcls.tune.TuneCommand}), compatible with
 * AI Platform's hyperparameter tuning of the built-in image classification algorithm.
 *
 * <ul>
 *   <li>{@code spec}: the study spec, AI Platform's {@code hyperparameters} block in YAML or JSON, and the rules
 *       the service (and this trainer) apply to it.</li>
 *   <li>{@code search}: how the next trial's parameters are chosen: grid, random, or the default Gaussian-process
 *       bandit ({@code search.gp} holds the GP itself).</li>
 *   <li>{@code stopping}: the median rule for {@code enableTrialEarlyStopping}.</li>
 *   <li>{@code study}: trials and their state, and the study file that makes a study resumable.</li>
 *   <li>{@code run}: running trials as training subprocesses and reading their metric files.</li>
 * </ul>
 *
 * <p>Decisions worth knowing: a trial's value is its best reported metric (the trainer keeps the model of its
 * best evaluation); early-stopped trials keep theirs and count as observations; failed trials count toward
 * maxTrials; with maxFailedTrials unset the study fails after a fifth of maxTrials (at least 3) failures;
 * trials that were running when the tuner was killed are relaunched in their own directories on resume, so
 * the trainer continues them from their checkpoints.
 */
package dev.imgcls.tune;

package dev.imgcls.tune;

import dev.imgcls.tune.spec.TunableArguments;

/** The text of {@code tune --help}. */
public final class TuneHelp {
    private TuneHelp() {
    }

    public static String text() {
        return """
                Usage: tune --config=STUDY.yaml --job-dir=DIR [--seed=N] [--trainer_command=CMD] [TRAINING ARGS...]

                Tunes the training arguments named in the study spec to maximise %1$s, the way AI Platform's
                hyperparameter tuning does. Each trial is one training run in DIR/<trial id>/ (its --job-dir),
                started with the TRAINING ARGS plus the trial's parameters as --name=value and --threads=k (the
                study's --threads divided among the parallel trials). A trial reports %1$s through the file named
                by CLOUD_ML_HP_METRIC_FILE (DIR/<trial id>/hypertune/output.metrics).

                Options:
                  --config=FILE          the study spec: AI Platform's hyperparameters block (alone, or inside a
                                         job's trainingInput), YAML or JSON
                  --job-dir=DIR          the study directory: DIR/study.json and one directory per trial. Running
                                         tune again on the same DIR resumes the study: finished trials are kept,
                                         trials that were running are started again in their own directories
                                         (the trainer resumes them from their checkpoints)
                  --seed=N               seed of the search (default 0; a resumed study keeps its own)
                  --trainer_command=CMD  the command that starts a training run, before its arguments; default:
                                         this jar's own "java -jar <jar> train"
                  --poll_seconds=S       how often running trials are checked (default 2)
                  --threads=N            compute threads of the whole study, divided among the parallel trials
                                         (default 0 = all cores)
                  --help                 this text

                Tunable arguments: %2$s.

                Spec fields: goal (MAXIMIZE), hyperparameterMetricTag (%1$s), maxTrials (default 1),
                maxParallelTrials (default 1), maxFailedTrials (0 = a fifth of maxTrials, at least 3),
                enableTrialEarlyStopping (median rule), algorithm (ALGORITHM_UNSPECIFIED = Bayesian optimisation
                with a Gaussian process, GRID_SEARCH, RANDOM_SEARCH), params: parameterName, type (DOUBLE,
                INTEGER, CATEGORICAL, DISCRETE), minValue/maxValue, categoricalValues, discreteValues, scaleType
                (UNIT_LINEAR_SCALE, UNIT_LOG_SCALE, UNIT_REVERSE_LOG_SCALE).

                Example spec (study.yaml):
                  trainingInput:
                    hyperparameters:
                      goal: MAXIMIZE
                      hyperparameterMetricTag: top_1_accuracy
                      maxTrials: 12
                      maxParallelTrials: 2
                      enableTrialEarlyStopping: true
                      params:
                        - parameterName: initial_learning_rate
                          type: DOUBLE
                          minValue: 0.0001
                          maxValue: 0.1
                          scaleType: UNIT_LOG_SCALE
                        - parameterName: optimizer_type
                          type: CATEGORICAL
                          categoricalValues: [momentum, adam, rmsprop]
                        - parameterName: max_steps
                          type: DISCRETE
                          discreteValues: [1000, 2000, 4000]

                Example:
                  tune --config=study.yaml --job-dir=/tmp/study --training_data_path=gs://b/train* \\
                       --validation_data_path=gs://b/valid* --num_classes=5 --model_type=efficientnet-b0

                At the end it prints the best trial's parameters and its model directory, DIR/<trial id>/model.
                Exit status: 0 when the study ran and a trial reported %1$s, 1 when it failed, 2 for bad usage.
                """.formatted(TunableArguments.METRIC_TAG,
                String.join(", ", TunableArguments.imageClassification().keySet()));
    }
}

package dev.imgcls.tune.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudySpecParserTest {

    private static final String JOB_YAML = """
            # gcloud ai-platform jobs submit training ... --config=config.yaml
            trainingInput:
              scaleTier: CUSTOM
              masterType: n1-standard-8
              args: ['--num_classes=5']
              hyperparameters:
                goal: MAXIMIZE
                hyperparameterMetricTag: top_1_accuracy
                maxTrials: 12
                maxParallelTrials: 3
                maxFailedTrials: 2
                enableTrialEarlyStopping: True
                algorithm: RANDOM_SEARCH
                params:
                  - parameterName: initial_learning_rate
                    type: DOUBLE
                    minValue: 1e-4          # YAML 1.1 reads this as a string
                    maxValue: 0.1
                    scaleType: UNIT_LOG_SCALE
                  - parameterName: optimizer_type
                    type: CATEGORICAL
                    categoricalValues: [momentum, "adam"]
                  - parameterName: max_steps
                    type: DISCRETE
                    discreteValues:
                      - 1000
                      - 2000
                  - parameterName: image_size
                    type: INTEGER
                    minValue: 128
                    maxValue: 320
                    scaleType: UNIT_LINEAR_SCALE
            """;

    @Test
    void readsAJobConfigYaml() {
        StudySpec spec = StudySpecParser.parse(JOB_YAML, "config.yaml");
        assertEquals(Goal.MAXIMIZE, spec.goal());
        assertEquals("top_1_accuracy", spec.metricTag());
        assertEquals(12, spec.maxTrials());
        assertEquals(3, spec.maxParallelTrials());
        assertEquals(2, spec.maxFailedTrials());
        assertTrue(spec.earlyStopping());
        assertEquals(SearchAlgorithm.RANDOM_SEARCH, spec.algorithm());
        assertEquals(List.of(
                ParameterSpec.ofDouble("initial_learning_rate", 1e-4, 0.1, ScaleType.UNIT_LOG_SCALE),
                ParameterSpec.ofCategorical("optimizer_type", List.of("momentum", "adam")),
                ParameterSpec.ofDiscrete("max_steps", List.of(1000.0, 2000.0), ScaleType.NONE),
                ParameterSpec.ofInteger("image_size", 128, 320, ScaleType.UNIT_LINEAR_SCALE)), spec.params());
    }

    @Test
    void readsTheRestApiJsonBodyWithSnakeCaseAndStringNumbers() {
        String json = """
                {"jobId": "tune_1", "trainingInput": {"region": "us-central1", "hyperparameters": {
                  "goal": "MAXIMIZE", "max_trials": "6", "max_parallel_trials": 2,
                  "enable_trial_early_stopping": "true", "algorithm": "ALGORITHM_UNSPECIFIED",
                  "params": [{"parameter_name": "label_smoothing", "type": "DOUBLE", "min_value": 0,
                              "max_value": "0.3"},
                             {"parameterName": "weight_decay", "type": "DISCRETE",
                              "discreteValues": [0.00001, 0.0001, 0.001], "scaleType": "UNIT_LOG_SCALE"}]}}}
                """;
        StudySpec spec = StudySpecParser.parse(json, "job.json");
        assertEquals(6, spec.maxTrials());
        assertEquals(2, spec.maxParallelTrials());
        assertTrue(spec.earlyStopping());
        assertEquals(SearchAlgorithm.BAYESIAN_OPTIMIZATION, spec.algorithm());
        assertEquals(ParameterSpec.ofDouble("label_smoothing", 0, 0.3, ScaleType.NONE), spec.params().get(0));
        assertEquals(List.of(1e-5, 1e-4, 1e-3), spec.params().get(1).discreteValues());
    }

    @Test
    void readsABareHyperparametersBlockAndAppliesTheServiceDefaults() {
        StudySpec spec = StudySpecParser.parse("""
                hyperparameters:
                  params:
                    - {parameterName: model_type, type: CATEGORICAL, categoricalValues: [resnet-18, efficientnet-b0]}
                """, "block.yaml");
        assertEquals(Goal.MAXIMIZE, spec.goal());
        assertEquals(TunableArguments.METRIC_TAG, spec.metricTag());
        assertEquals(1, spec.maxTrials());
        assertEquals(1, spec.maxParallelTrials());
        assertEquals(0, spec.maxFailedTrials());
        assertFalse(spec.earlyStopping());
        assertEquals(SearchAlgorithm.BAYESIAN_OPTIMIZATION, spec.algorithm());

        StudySpec fieldsAtTop = StudySpecParser.parse("""
                goal: MAXIMIZE
                maxTrials: 2
                params:
                  - {parameterName: model_type, type: CATEGORICAL, categoricalValues: [resnet-18]}
                """, "top.yaml");
        assertEquals(2, fieldsAtTop.maxTrials());
    }

    @Test
    void readsAFileAndTellsJsonFromYaml(@TempDir Path dir) throws IOException {
        Path json = dir.resolve("spec.json");
        Files.writeString(json, "{\"maxTrials\": 3, \"params\": [{\"parameterName\": \"max_steps\","
                + " \"type\": \"INTEGER\", \"minValue\": 10, \"maxValue\": 20}]}");
        assertEquals(3, StudySpecParser.parseFile(json).maxTrials());
        Path yaml = dir.resolve("spec.yaml");
        Files.writeString(yaml, JOB_YAML);
        assertEquals(12, StudySpecParser.parseFile(yaml).maxTrials());
    }

    @Test
    void writtenSpecReadsBackEqual() {
        StudySpec spec = StudySpecParser.parse(JOB_YAML, "config.yaml");
        String json = StudySpecJson.toJson(spec).toString();
        assertEquals(spec, StudySpecParser.parse(json, "roundtrip.json"));
    }

    @Test
    void defaultFailureLimitIsAFifthOfTheTrialsAtLeastThree() {
        StudySpec small = new StudySpec(Goal.MAXIMIZE, "top_1_accuracy", 2, 1, 0, false,
                SearchAlgorithm.RANDOM_SEARCH, List.of());
        StudySpec large = new StudySpec(Goal.MAXIMIZE, "top_1_accuracy", 50, 1, 0, false,
                SearchAlgorithm.RANDOM_SEARCH, List.of());
        StudySpec explicit = new StudySpec(Goal.MAXIMIZE, "top_1_accuracy", 50, 1, 7, false,
                SearchAlgorithm.RANDOM_SEARCH, List.of());
        assertEquals(2, small.failedTrialLimit());
        assertEquals(10, large.failedTrialLimit());
        assertEquals(7, explicit.failedTrialLimit());
    }
}

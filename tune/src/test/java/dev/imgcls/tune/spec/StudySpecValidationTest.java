package dev.imgcls.tune.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every kind of spec the tuning service (or this trainer) refuses, and the message that says why. */
class StudySpecValidationTest {

    /** A study with the given params block (YAML list items) and extra study fields. */
    private static String spec(String studyFields, String params) {
        return "maxTrials: 4\n" + studyFields + "params:\n" + params.stripIndent().indent(2);
    }

    private static List<String> problems(String yaml) {
        InvalidStudySpecException e = assertThrows(InvalidStudySpecException.class,
                () -> StudySpecParser.parse(yaml, "test.yaml"));
        assertTrue(e.getMessage().startsWith("invalid study spec test.yaml:"), e.getMessage());
        return e.problems();
    }

    private static void assertRejected(String yaml, String... expectedFragments) {
        String all = String.join("\n", problems(yaml));
        for (String f : expectedFragments) {
            assertTrue(all.contains(f), () -> "expected '" + f + "' in:\n" + all);
        }
    }

    private static final String LR = """
            - {parameterName: initial_learning_rate, type: DOUBLE, minValue: 0.001, maxValue: 0.1}
            """;

    @Test
    void acceptsEveryTunableArgument() {
        StudySpec spec = StudySpecParser.parse(spec("", """
                - {parameterName: initial_learning_rate, type: DOUBLE, minValue: 0, maxValue: 1}
                - {parameterName: learning_rate_decay_type, type: CATEGORICAL, categoricalValues: [cosine, stepwise]}
                - {parameterName: max_steps, type: INTEGER, minValue: 100, maxValue: 1000}
                - {parameterName: optimizer_type, type: CATEGORICAL, categoricalValues: [momentum, adam, rmsprop]}
                - {parameterName: optimizer_arguments, type: CATEGORICAL,
                   categoricalValues: ['momentum=0.9,use_nesterov=true', 'momentum=0.5']}
                - {parameterName: image_size, type: DISCRETE, discreteValues: [224, 299]}
                - {parameterName: model_type, type: CATEGORICAL, categoricalValues: [resnet-50, efficientnet-b7]}
                - {parameterName: label_smoothing, type: DOUBLE, minValue: 0, maxValue: 0.99}
                - {parameterName: weight_decay, type: DOUBLE, minValue: 1e-6, maxValue: 1e-2, scaleType: UNIT_LOG_SCALE}
                """), "all.yaml");
        assertEquals(9, spec.params().size());
    }

    @Test
    void rejectsArgumentsThatAreNotTunable() {
        assertRejected(spec("", """
                - {parameterName: train_batch_size, type: INTEGER, minValue: 16, maxValue: 64}
                """), "'train_batch_size' is not a tunable argument of this algorithm",
                "tunable arguments: initial_learning_rate, learning_rate_decay_type");
    }

    @Test
    void rejectsGridSearchOverDoubles() {
        assertRejected(spec("algorithm: GRID_SEARCH\n", LR),
                "params (initial_learning_rate): GRID_SEARCH needs a finite space");
    }

    @Test
    void rejectsLogScalesThatReachZero() {
        assertRejected(spec("", """
                - {parameterName: initial_learning_rate, type: DOUBLE, minValue: 0, maxValue: 0.1, scaleType: UNIT_LOG_SCALE}
                """), "UNIT_LOG_SCALE needs minValue > 0, got 0");
        assertRejected(spec("", """
                - {parameterName: weight_decay, type: DISCRETE, discreteValues: [0, 0.001],
                   scaleType: UNIT_REVERSE_LOG_SCALE}
                """), "UNIT_REVERSE_LOG_SCALE needs every discrete value > 0");
    }

    @Test
    void rejectsEmptyOrInvertedRanges() {
        assertRejected(spec("", """
                - {parameterName: initial_learning_rate, type: DOUBLE, minValue: 0.5, maxValue: 0.1}
                """), "minValue (0.5) is greater than maxValue (0.1)");
        assertRejected(spec("", """
                - {parameterName: max_steps, type: INTEGER, minValue: 900, maxValue: 100}
                """), "minValue (900) is greater than maxValue (100)");
        assertRejected(spec("", """
                - {parameterName: label_smoothing, type: DOUBLE, minValue: 0.1, maxValue: 0.1}
                """), "minValue equals maxValue (0.1)");
    }

    @Test
    void rejectsValuesOutsideTheArgumentsRange() {
        assertRejected(spec("", """
                - {parameterName: label_smoothing, type: DOUBLE, minValue: 0, maxValue: 1}
                """), "1 is outside label_smoothing's range [0, 1)");
        assertRejected(spec("", """
                - {parameterName: initial_learning_rate, type: DOUBLE, minValue: -0.1, maxValue: 0.1}
                """), "-0.1 is outside initial_learning_rate's range [0, inf)");
        assertRejected(spec("", """
                - {parameterName: max_steps, type: DISCRETE, discreteValues: [0, 1000]}
                """), "0 is outside max_steps's range [1, inf)");
        assertRejected(spec("", """
                - {parameterName: max_steps, type: DISCRETE, discreteValues: [1000, 1500.5]}
                """), "max_steps takes whole numbers, got 1500.5");
        assertRejected(spec("", """
                - {parameterName: image_size, type: INTEGER, minValue: 100.5, maxValue: 300}
                """), "minValue and maxValue of an INTEGER parameter must be whole numbers");
    }

    @Test
    void rejectsCategoricalValuesTheArgumentDoesNotTake() {
        assertRejected(spec("", """
                - {parameterName: model_type, type: CATEGORICAL, categoricalValues: [resnet-50, vgg-16]}
                """), "'vgg-16' is not a valid model_type; valid values: resnet-18, resnet-34");
        assertRejected(spec("", """
                - {parameterName: optimizer_type, type: CATEGORICAL, categoricalValues: [adam, sgd]}
                """), "'sgd' is not a valid optimizer_type; valid values: momentum, adam, rmsprop");
        assertRejected(spec("", """
                - {parameterName: optimizer_arguments, type: CATEGORICAL, categoricalValues: ['momentum:0.9']}
                """), "invalid optimizer_arguments value 'momentum:0.9': 'momentum:0.9' is not a name=value pair");
    }

    @Test
    void rejectsTypesThatCannotTuneTheArgument() {
        assertRejected(spec("", """
                - {parameterName: initial_learning_rate, type: CATEGORICAL, categoricalValues: ['0.1', '0.01']}
                """), "type CATEGORICAL cannot tune initial_learning_rate (a real number); use DOUBLE or DISCRETE");
        assertRejected(spec("", """
                - {parameterName: image_size, type: DOUBLE, minValue: 128, maxValue: 256}
                """), "type DOUBLE cannot tune image_size (a whole number); use INTEGER or DISCRETE");
        assertRejected(spec("", """
                - {parameterName: model_type, type: DISCRETE, discreteValues: [1, 2]}
                """), "type DISCRETE cannot tune model_type");
    }

    @Test
    void rejectsUnsortedOrDuplicatedDiscreteValues() {
        assertRejected(spec("", """
                - {parameterName: max_steps, type: DISCRETE, discreteValues: [2000, 1000, 3000]}
                """), "discreteValues must be increasing without duplicates, but 1000 follows 2000");
        assertRejected(spec("", """
                - {parameterName: max_steps, type: DISCRETE, discreteValues: [1000, 2000, 2000]}
                """), "but 2000 follows 2000");
        assertRejected(spec("", """
                - {parameterName: max_steps, type: DISCRETE, discreteValues: []}
                """), "discreteValues must list at least one value");
    }

    @Test
    void rejectsEmptyOrRepeatedCategories() {
        assertRejected(spec("", """
                - {parameterName: optimizer_type, type: CATEGORICAL, categoricalValues: []}
                """), "categoricalValues must list at least one value");
        assertRejected(spec("", """
                - {parameterName: optimizer_type, type: CATEGORICAL, categoricalValues: [adam, adam]}
                """), "categoricalValues lists 'adam' more than once");
    }

    @Test
    void rejectsBadTrialCounts() {
        assertRejected("maxTrials: 2\nmaxParallelTrials: 3\nparams:\n" + LR.indent(2),
                "maxParallelTrials (3) must not exceed maxTrials (2)");
        assertRejected("maxTrials: 0\nparams:\n" + LR.indent(2), "maxTrials must be at least 1, got 0");
        assertRejected("maxTrials: 2\nmaxFailedTrials: -1\nparams:\n" + LR.indent(2),
                "maxFailedTrials must be 0 (let the tuner decide) or more, got -1");
        assertRejected("maxTrials: 2.5\nparams:\n" + LR.indent(2), "maxTrials must be a whole number, got 2.5");
        assertRejected("maxTrials: many\nparams:\n" + LR.indent(2), "maxTrials must be a number, got 'many'");
    }

    @Test
    void rejectsMissingRequiredFields() {
        assertRejected("maxTrials: 3\n", "params is required");
        assertRejected("maxTrials: 3\nparams: []\n", "params must list at least one parameter to tune");
        assertRejected(spec("", "- {type: DOUBLE, minValue: 0, maxValue: 1}\n"), "params[0]: parameterName is required");
        assertRejected(spec("", "- {parameterName: initial_learning_rate, minValue: 0, maxValue: 1}\n"),
                "params[0] (initial_learning_rate): type is required");
        assertRejected(spec("", "- {parameterName: initial_learning_rate, type: DOUBLE, maxValue: 1}\n"),
                "minValue is required for a DOUBLE parameter");
        assertRejected(spec("", "- {parameterName: model_type, type: CATEGORICAL}\n"),
                "categoricalValues is required for a CATEGORICAL parameter");
        assertRejected(spec("", "- {parameterName: max_steps, type: DISCRETE}\n"),
                "discreteValues is required for a DISCRETE parameter");
        assertRejected("trainingInput:\n  scaleTier: BASIC\n", "trainingInput has no hyperparameters block");
    }

    @Test
    void rejectsFieldsThatDoNotBelong() {
        assertRejected("maxTrial: 3\nparams:\n" + LR.indent(2), "unknown field 'maxTrial' (known fields: goal,");
        assertRejected(spec("", "- {parameterName: initial_learning_rate, type: DOUBLE, minValue: 0, maxValue: 1,"
                + " scale: UNIT_LOG_SCALE}\n"), "unknown field 'scale'");
        assertRejected(spec("", "- {parameterName: model_type, type: CATEGORICAL, categoricalValues: [resnet-18],"
                + " minValue: 1}\n"), "minValue is only for DOUBLE and INTEGER parameters, not CATEGORICAL");
        assertRejected(spec("", "- {parameterName: model_type, type: CATEGORICAL, categoricalValues: [resnet-18],"
                + " scaleType: UNIT_LOG_SCALE}\n"), "scaleType applies to numeric parameters, not CATEGORICAL");
        assertRejected(spec("", "- {parameterName: max_steps, type: INTEGER, minValue: 1, maxValue: 9,"
                + " discreteValues: [1]}\n"), "discreteValues is only for DISCRETE parameters, not INTEGER");
        assertRejected(spec("", "- {parameterName: initial_learning_rate, type: FLOAT, minValue: 0, maxValue: 1}\n"),
                "type 'FLOAT' is not one of [DOUBLE, INTEGER, CATEGORICAL, DISCRETE]");
        assertRejected(spec("resumePreviousJobId: job_7\n", LR), "resumePreviousJobId is not supported");
    }

    @Test
    void rejectsRepeatedParameters() {
        assertRejected(spec("", LR + LR), "parameterName 'initial_learning_rate' appears more than once");
    }

    @Test
    void rejectsMetricsAndGoalsThisAlgorithmDoesNotHave() {
        assertRejected(spec("hyperparameterMetricTag: accuracy\n", LR),
                "hyperparameterMetricTag 'accuracy': this algorithm reports only 'top_1_accuracy'");
        assertRejected(spec("goal: MINIMIZE\n", LR), "goal must be MAXIMIZE for top_1_accuracy");
    }

    @Test
    void rejectsDocumentsThatAreNotSpecs() {
        assertRejected("params: [unclosed\n", "not valid YAML");
        assertRejected("{\"params\": [}", "not valid JSON");
        assertRejected("- just\n- a list\n", "the spec must be an object");
        assertRejected("maxTrials: 1\nmaxTrials: 2\nparams: []\n", "not valid YAML");
    }

    @Test
    void reportsEveryProblemAtOnce() {
        List<String> all = problems("""
                maxTrials: 2
                maxParallelTrials: 5
                params:
                  - {parameterName: batch, type: INTEGER, minValue: 1, maxValue: 2}
                  - {parameterName: max_steps, type: DISCRETE, discreteValues: [3, 2]}
                """);
        assertEquals(3, all.size(), all.toString());
    }
}

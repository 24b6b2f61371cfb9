package dev.imgcls.train.report;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The report's numbers against a case computed by hand: 3 classes (a, b, c), 10 images.
 * <pre>
 *               predicted a  b  c   support
 *   actual a              3  1  0   4
 *   actual b              1  2  0   3
 *   actual c              1  1  1   3
 *   predicted             5  4  1   10
 * </pre>
 * a: precision 3/5 = 0.6, recall 3/4 = 0.75, F1 = 2·0.6·0.75 / 1.35 = 2/3
 * b: precision 2/4 = 0.5, recall 2/3, F1 = 2·0.5·(2/3) / (7/6) = 4/7
 * c: precision 1/1 = 1, recall 1/3, F1 = 2·(1/3) / (4/3) = 1/2
 * top-1 = 6/10; macro precision (0.6 + 0.5 + 1) / 3 = 0.7, recall (0.75 + 2/3 + 1/3) / 3 = 7/12,
 * F1 (2/3 + 4/7 + 1/2) / 3 = 73/126; weighted F1 (4·2/3 + 3·4/7 + 3·1/2) / 10 = 247/420.
 */
class ClassMetricsTest {
    private static final double EPS = 1e-12;
    /** (actual, predicted) of the 10 images. */
    private static final int[][] PAIRS = {{0, 0}, {0, 0}, {0, 0}, {0, 1}, {1, 0}, {1, 1}, {1, 1}, {2, 0}, {2, 1}, {2, 2}};

    static EvaluationTally tally(int classes, int[][] pairs) {
        EvaluationTally tally = new EvaluationTally(classes, 4);
        float[] logits = new float[pairs.length * classes];
        int[] labels = new int[pairs.length];
        for (int i = 0; i < pairs.length; i++) {
            labels[i] = pairs[i][0];
            logits[i * classes + pairs[i][1]] = 2f; // the predicted class has the largest logit
        }
        tally.add(logits, labels, row -> Thumbnail.of(new float[4 * 4 * 3], 0, 4), row -> "record " + row);
        return tally;
    }

    @Test
    void perClassScoresMatchTheHandComputedCase() {
        ConfusionMatrix m = tally(3, PAIRS).confusion();
        assertEquals(10, m.total());
        assertEquals(6, m.correct());
        assertEquals(3, m.count(0, 0));
        assertEquals(1, m.count(2, 2));
        List<ClassMetrics> c = ClassMetrics.of(m);
        assertMetrics(c.get(0), 0.6, 0.75, 2.0 / 3, 4, 5);
        assertMetrics(c.get(1), 0.5, 2.0 / 3, 4.0 / 7, 3, 4);
        assertMetrics(c.get(2), 1.0, 1.0 / 3, 0.5, 3, 1);
        MetricAverages macro = MetricAverages.macro(c);
        assertEquals(0.7, macro.precision(), EPS);
        assertEquals(7.0 / 12, macro.recall(), EPS);
        assertEquals(73.0 / 126, macro.f1(), EPS);
        assertEquals(247.0 / 420, MetricAverages.weighted(c).f1(), EPS);
    }

    @Test
    void mostConfusedPairsAreTheLargestOffDiagonalCounts() {
        int[][] pairs = {{0, 1}, {0, 1}, {0, 1}, {2, 1}, {2, 1}, {1, 0}, {1, 1}, {2, 0}};
        List<ConfusionMatrix.Confusion> confused = tally(3, pairs).confusion().mostConfused(3);
        assertEquals(List.of(new ConfusionMatrix.Confusion(0, 1, 3), new ConfusionMatrix.Confusion(2, 1, 2),
                new ConfusionMatrix.Confusion(1, 0, 1)), confused);
    }

    @Test
    void aClassNeitherInTheDataNorPredictedDoesNotCountInTheMacroAverage() {
        // Class 3 never occurs: scores 0 by zero_division, but the macro average stays that of the 3 classes.
        List<ClassMetrics> c = ClassMetrics.of(tally(4, PAIRS).confusion());
        assertFalse(c.get(3).seen());
        assertEquals(0, c.get(3).f1());
        assertEquals(73.0 / 126, MetricAverages.macro(c).f1(), EPS);
    }

    @Test
    void topFiveOfThreeClassesIsEveryImageAndTopOneTheDiagonal() {
        EvaluationTally t = tally(3, PAIRS);
        assertEquals(10, t.topKHits());
        EvaluationReport report = EvaluationReport.of(OptionalLong.of(7), "test", ClassNames.ids(3), t, 0.6, 1.0);
        String json = ReportJson.render(report);
        assertTrue(json.contains("\"global_step\": 7,"), json);
        assertTrue(json.contains("{\"id\": 1, \"name\": \"1\", \"precision\": 0.5, \"recall\": 0.6666666666666666, \"f1\": 0.5714285714285715, "
                + "\"support\": 3, \"predicted\": 4}"), json);
        assertTrue(json.contains("{\"actual\": 0, \"actual_name\": \"0\", \"predicted\": 1, \"predicted_name\": \"1\", \"count\": 1}"), json);
        com.google.gson.JsonParser.parseString(json); // valid JSON
    }

    @Test
    void csvFilesHoldTheScoresAndTheMatrixWithQuotedNames() {
        EvaluationReport report = EvaluationReport.of(OptionalLong.empty(), "test", ClassNames.of(List.of("a", "b, the second", "c\"q"), 3, "t"),
                tally(3, PAIRS), 0.6, 1.0);
        assertEquals("""
                class_id,class_name,precision,recall,f1,support,predicted
                0,a,0.600000,0.750000,0.666667,4,5
                1,"b, the second",0.500000,0.666667,0.571429,3,4
                2,"c""q",1.000000,0.333333,0.500000,3,1
                """, ReportCsv.perClass(report));
        assertEquals("""
                actual \\ predicted,a,"b, the second","c""q"
                a,3,1,0
                "b, the second",1,2,0
                "c""q",1,1,1
                """, ReportCsv.confusionMatrix(report));
    }

    @Test
    void perClassScalarsNameEachClassOnce() {
        EvaluationReport report = EvaluationReport.of(OptionalLong.of(1), "test", ClassNames.of(List.of("cat dog", "cat/dog", "ok"), 3, "t"),
                tally(3, PAIRS), 0.6, 1.0);
        Map<String, Double> s = PerClassScalars.of(report);
        assertEquals(0.6, s.get("per_class_precision/cat_dog"), EPS);
        assertEquals(2.0 / 3, s.get("per_class_recall/cat_dog_1"), EPS); // the second "cat_dog" gets its id
        assertEquals(0.5, s.get("per_class_f1/ok"), EPS);
        assertEquals(73.0 / 126, s.get("macro_avg/f1"), EPS);
        assertEquals(3 + 9, s.size());
    }

    private static void assertMetrics(ClassMetrics c, double precision, double recall, double f1, long support, long predicted) {
        assertEquals(precision, c.precision(), EPS, "precision of " + c.classId());
        assertEquals(recall, c.recall(), EPS, "recall of " + c.classId());
        assertEquals(f1, c.f1(), EPS, "f1 of " + c.classId());
        assertEquals(support, c.support());
        assertEquals(predicted, c.predicted());
    }
}

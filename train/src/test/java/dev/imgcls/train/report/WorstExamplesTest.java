package dev.imgcls.train.report;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The kept mistakes are the most confident ones, their pictures made only when kept, and the page shows them safely. */
class WorstExamplesTest {

    private static Thumbnail picture(int shade) {
        float[] pixels = new float[8 * 8 * 3];
        java.util.Arrays.fill(pixels, shade);
        return Thumbnail.of(pixels, 0, 8);
    }

    @Test
    void keepsTheMostConfidentAndEncodesOnlyThoseKept() {
        WorstExamples worst = new WorstExamples(3);
        List<Integer> encoded = new ArrayList<>();
        double[] confidences = {0.5, 0.9, 0.6, 0.3, 0.95, 0.9, 0.1};
        for (int i = 0; i < confidences.length; i++) {
            int id = i;
            worst.offer(0, 1, confidences[i], 0.01, "record " + i, () -> {
                encoded.add(id);
                return picture(id * 10);
            });
        }
        List<WorstExample> kept = worst.worstFirst();
        assertEquals(List.of("record 4", "record 1", "record 5"), kept.stream().map(WorstExample::source).toList(),
                "0.95, then the first 0.9, then the second (it beat 0.6)");
        // 0.3 and 0.1 came when three more confident ones were kept: never encoded.
        assertEquals(List.of(0, 1, 2, 4, 5), encoded);
    }

    @Test
    void pageHasOnePictureEachAndEscapesNames() {
        ClassNames names = ClassNames.of(List.of("<script>alert(1)</script>", "cats & \"dogs\"", "ok"), 3, "test");
        ConfusionMatrix m = new ConfusionMatrix(3);
        m.add(0, 1);
        m.add(1, 0);
        m.add(2, 2);
        List<WorstExample> worst = List.of(new WorstExample(0, 1, 0.97, 0.01, "validation-00000-of-00001 record 3", picture(200)),
                new WorstExample(1, 0, 0.8, 0.15, "", picture(20)));
        String html = WorstExamplesPage.render(new EvaluationReport(OptionalLong.of(40), "resnet-18 on <data>", names, m, 1.0 / 3, 1, worst));
        Matcher img = Pattern.compile("<img ").matcher(html);
        int images = 0;
        while (img.find()) {
            images++;
        }
        assertEquals(2, images, html);
        assertEquals(2, html.split("src=\"data:image/png;base64,", -1).length - 1, html);
        assertFalse(html.contains("<script>"), html);
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), html);
        assertTrue(html.contains("cats &amp; &quot;dogs&quot;"), html);
        assertTrue(html.contains("on &lt;data&gt;"), html);
        assertTrue(html.contains("(97.0%)") && html.contains("(1.0%)"), html);
        assertTrue(html.startsWith("<!DOCTYPE html>") && html.endsWith("</html>\n"), html);
    }

    @Test
    void bigImagesBecomeSmallJpegs() {
        Thumbnail t = Thumbnail.of(new float[224 * 224 * 3], 0, 224);
        assertEquals("image/jpeg", t.mimeType());
        assertEquals(Thumbnail.MAX_SIDE, t.width());
        assertEquals("image/png", picture(5).mimeType());
    }
}

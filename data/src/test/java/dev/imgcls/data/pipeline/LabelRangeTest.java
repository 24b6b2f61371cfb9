package dev.imgcls.data.pipeline;

import dev.imgcls.data.tfrecord.RecordLocation;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LabelRangeTest {

    private static final RecordLocation AT = new RecordLocation("gs://b/train-00002-of-00004.tfrec", 37, 4096);

    @Test
    void classIndexIsLabelMinusBase() throws LabelOutOfRangeException {
        LabelRange zero = new LabelRange(5, LabelBase.ZERO);
        LabelRange one = new LabelRange(5, LabelBase.ONE);
        for (int c = 0; c < 5; c++) {
            assertEquals(c, zero.classIndex(c, AT));
            assertEquals(c, one.classIndex(c + 1, AT));
        }
        assertEquals("[0, 4]", zero.rangeText());
        assertEquals("[1, 5]", one.rangeText());
    }

    private static String problem(LabelRange range, long label) {
        LabelOutOfRangeException e = assertThrows(LabelOutOfRangeException.class, () -> range.classIndex(label, AT));
        assertEquals(AT, e.location());
        assertEquals(label, e.label());
        assertTrue(e.getMessage().startsWith("record 37 at offset 4096 of gs://b/train-00002-of-00004.tfrec: label " + label),
                e.getMessage());
        return e.getMessage();
    }

    @Test
    void outOfRangeNamesTheRangeAndTheOtherConventionWhereTheLabelFitsIt() {
        LabelRange zero = new LabelRange(5, LabelBase.ZERO);
        LabelRange one = new LabelRange(5, LabelBase.ONE);
        String m = problem(zero, 5);
        assertTrue(m.contains("outside [0, 4], the range for --num_classes=5 with 0-based labels (--label_base=0)"), m);
        assertTrue(m.contains("raise --num_classes to at least 6"), m);
        assertTrue(m.contains("or pass --label_base=1 if the labels start at 1 (labels [1, 5])"), m);
        m = problem(one, 0);
        assertTrue(m.contains("outside [1, 5], the range for --num_classes=5 with 1-based labels (--label_base=1)"), m);
        assertTrue(m.contains("pass --label_base=0 if the labels start at 0 (labels [0, 4])"), m);
        assertFalse(m.contains("--num_classes to"), m);
    }

    @Test
    void labelAboveTheRangeSaysHowFarToRaiseNumClasses() {
        LabelRange zero = new LabelRange(5, LabelBase.ZERO);
        LabelRange one = new LabelRange(5, LabelBase.ONE);
        for (long label : new long[] {6, 1000}) {
            String m = problem(zero, label);
            assertTrue(m.contains("raise --num_classes to at least " + (label + 1)), m);
            // Labels 1-based would not fit either: the other convention is no fix here.
            assertFalse(m.contains("--label_base=1"), m);
            m = problem(one, label);
            assertTrue(m.contains("raise --num_classes to at least " + label), m);
            assertFalse(m.contains("--label_base=0"), m);
        }
    }

    @Test
    void negativeLabelIsNoClassInEitherConvention() {
        String m = problem(new LabelRange(5, LabelBase.ZERO), -1);
        assertTrue(m.contains("a label below 0 is no class"), m);
        assertFalse(m.contains("--num_classes to"), m);
        assertFalse(m.contains("--label_base=1"), m);
    }

    @Test
    void labelBaseFlagValues() {
        assertSame(LabelBase.ZERO, LabelBase.parse("0"));
        assertSame(LabelBase.ONE, LabelBase.parse(" 1"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LabelBase.parse("2"));
        assertTrue(e.getMessage().contains("--label_base must be 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LabelRange(0, LabelBase.ZERO));
    }
}

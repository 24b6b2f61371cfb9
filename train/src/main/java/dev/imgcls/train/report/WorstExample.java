package dev.imgcls.train.report;

import dev.imgcls.data.tfrecord.RecordLocation;

/**
 * One mistake of an evaluation: an image of class {@code actual} predicted as {@code predicted}
 * with probability {@code confidence} (the softmax of its logits), where the actual class got
 * {@code actualProbability}.
 *
 * @param source where the image came from ("FILE record 7"), or "" when not known
 */
public record WorstExample(int actual, int predicted, double confidence, double actualProbability, String source, Thumbnail thumbnail) {

    /** "validation-00000-of-00002 record 17": short enough for a caption, enough to find the record. */
    public static String source(RecordLocation location) {
        String file = location.source();
        return file.substring(file.lastIndexOf('/') + 1) + " record " + location.index();
    }
}

package dev.imgcls.data.example;

import dev.imgcls.data.tfrecord.RecordLocation;

/**
 * What the trainer takes from one tf.Example: the encoded image file bytes and the label as
 * stored (not yet shifted to a 0-based class index), with the record's location for later errors
 * (an image that will not decode, a label out of range).
 */
public record LabeledImage(byte[] encoded, long label, RecordLocation location) {}

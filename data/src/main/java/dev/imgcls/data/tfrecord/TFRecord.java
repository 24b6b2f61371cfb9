package dev.imgcls.data.tfrecord;

/** One record's payload and where it was read from. The array is owned by the receiver. */
public record TFRecord(byte[] payload, RecordLocation location) {}

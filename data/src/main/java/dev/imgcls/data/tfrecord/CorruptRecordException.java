package dev.imgcls.data.tfrecord;

/**
 * TensorFlow's {@code DataLoss} for TFRecord framing: a checksum mismatch ("corrupted record at
 * offset N"), a stream that ends inside a record ("truncated record at offset N"), or a length
 * field that cannot be right.
 */
public final class CorruptRecordException extends RecordException {

    public CorruptRecordException(RecordLocation location, String message) {
        super(location, message);
    }

    public CorruptRecordException(RecordLocation location, String message, Throwable cause) {
        super(location, message, cause);
    }
}

package dev.imgcls.data.tfrecord;

import java.io.Serializable;

/**
 * Where a record lives: the file, its 0-based index in that file, and the byte offset of its header
 * in the framed stream (for compressed files, the offset in the decompressed bytes, as in
 * TensorFlow's messages). Every data error carries one, so a user can find the bad record.
 */
public record RecordLocation(String source, long index, long offset) implements Serializable {

    @Override
    public String toString() {
        return "record " + index + " at offset " + offset + " of " + source;
    }
}

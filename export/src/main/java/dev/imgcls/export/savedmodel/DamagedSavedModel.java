package dev.imgcls.export.savedmodel;

import com.google.protobuf.InvalidProtocolBufferException;

import java.io.IOException;

/**
 * The error for a {@code saved_model.pb} that does not parse, in words: protobuf's own messages
 * ("Protocol message contained an invalid tag (zero).", "CodedInputStream encountered a malformed
 * varint.") describe the parser, not the file, and say nothing about what to do.
 */
public final class DamagedSavedModel {
    private DamagedSavedModel() {
    }

    /** E.g. {@code model/saved_model.pb is damaged or not a SavedModel (it is cut short); ...}. */
    public static IOException of(String pb, InvalidProtocolBufferException e) {
        return new IOException(pb + " is damaged or not a SavedModel (" + reason(e) + "); export the model again, or name"
                + " another SavedModel directory", e);
    }

    private static String reason(InvalidProtocolBufferException e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        if (m.contains("ended unexpectedly") || m.contains("truncated")) {
            return "it ends in the middle of its data, as a file cut short does";
        }
        return "its bytes are not the protocol buffer a SavedModel is";
    }
}

package dev.imgcls.export.inspect;

import dev.imgcls.io.FileSystem;

import java.io.IOException;
import java.io.PrintStream;

/**
 * What {@link Inspect} says about an existing path that is not a SavedModel, before it falls back
 * to the checkpoint reader: e.g. data's TFRecord summary, which the {@code inspect} command passes in
 * so that export does not depend on the image pipeline.
 */
public interface FileView {
    /** Whether this view describes the file at {@code path}; false for anything it cannot read. */
    boolean recognises(FileSystem fs, String path);

    /** Prints the description; an {@link IOException} becomes the command's error line. */
    void print(FileSystem fs, String path, PrintStream out) throws IOException;
}

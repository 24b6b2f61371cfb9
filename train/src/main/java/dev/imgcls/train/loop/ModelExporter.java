package dev.imgcls.train.loop;

import dev.imgcls.nn.Model;

import java.io.IOException;

/**
 * Writes a model as a SavedModel directory that replaces {@code directory} atomically (readers see
 * the old model or the new one, never a mix).
 */
@FunctionalInterface
public interface ModelExporter {
    void export(Model model, int imageSize, String directory) throws IOException;
}

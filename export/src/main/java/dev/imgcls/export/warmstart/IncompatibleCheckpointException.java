package dev.imgcls.export.warmstart;

import java.io.IOException;

/**
 * A readable checkpoint that does not fit the model being warm-started: it holds another
 * model_type, or variables of the right name in a dtype the model does not use. The message names
 * the variables, what the checkpoint looks like, and what to pass instead.
 */
public class IncompatibleCheckpointException extends IOException {

    public IncompatibleCheckpointException(String message) {
        super(message);
    }
}

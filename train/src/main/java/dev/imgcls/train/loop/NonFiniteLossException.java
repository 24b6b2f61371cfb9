package dev.imgcls.train.loop;

import dev.imgcls.data.pipeline.Batch;

/** The training loss became NaN or infinite: the job stops rather than train on garbage. */
public final class NonFiniteLossException extends RuntimeException {
    NonFiniteLossException(long step, double loss, Batch batch) {
        super("the training loss became " + loss + " at step " + (step + 1) + " (learning rate too high? try a lower "
                + "--initial_learning_rate or more --warmup_steps)"
                + (batch.locations().isEmpty() ? "" : "; the batch began with " + batch.locations().get(0)));
    }
}

package dev.imgcls.train.bench;

import java.io.IOException;

/** Where the benchmark's batches come from; {@link #next()} is timed as the step's "data" share. */
interface BatchSource extends AutoCloseable {

    /** The next batch; tensors made here belong to the caller's open memory scope. */
    StepBatch next() throws IOException;

    /** Whether the batches are read from files (so data time is worth reporting). */
    boolean readsFiles();

    @Override
    void close();
}

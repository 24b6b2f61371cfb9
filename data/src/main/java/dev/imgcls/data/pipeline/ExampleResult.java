package dev.imgcls.data.pipeline;

import dev.imgcls.data.tfrecord.RecordLocation;

/** What became of the example at one position of the stream, as the batcher needs to know it. */
record ExampleResult(Kind kind, int classIndex, RecordLocation location, Exception error) {

    enum Kind {
        /** Preprocessed into its window buffer. */
        READY,
        /** An undecodable image passed over by the skip option. */
        SKIPPED,
        /** An error that ends the pipeline. */
        FAILED,
        /** The input has no more records (single-pass pipelines). */
        END
    }

    static ExampleResult ready(int classIndex, RecordLocation location) {
        return new ExampleResult(Kind.READY, classIndex, location, null);
    }

    static ExampleResult skipped(Exception error, RecordLocation location) {
        return new ExampleResult(Kind.SKIPPED, -1, location, error);
    }

    static ExampleResult failed(Exception error) {
        return new ExampleResult(Kind.FAILED, -1, null, error);
    }

    static ExampleResult end() {
        return new ExampleResult(Kind.END, -1, null, null);
    }
}

package dev.imgcls.train.bench;

import dev.imgcls.data.pipeline.Batch;
import dev.imgcls.data.pipeline.InputPipeline;
import dev.imgcls.data.pipeline.PipelineConfig;
import dev.imgcls.data.preprocess.ImagePreprocessor;
import dev.imgcls.data.preprocess.ReferenceExamplePreprocessor;

import java.io.IOException;
import java.util.List;

/**
 * Batches read from TFRecords and preprocessed as the trainer does: for training its shuffled,
 * endless input (random crop, flip, resize); for inference its evaluation input (files in order,
 * the deterministic center crop), read again from the first file each time a pass ends.
 */
final class RecordBatches implements BatchSource {
    private final PipelineConfig config;
    private final boolean training;
    private final int imageSize;
    private InputPipeline pipeline;

    RecordBatches(String pattern, int batchSize, int imageSize, int numClasses, long seed, int workers, boolean training)
            throws IOException {
        this.config = PipelineConfig.builder(List.of(pattern), batchSize, numClasses)
                .seed(seed)
                .workers(workers)
                .build();
        this.training = training;
        this.imageSize = imageSize;
        this.pipeline = open();
    }

    private InputPipeline open() throws IOException {
        ReferenceExamplePreprocessor preprocessor = new ReferenceExamplePreprocessor(new ImagePreprocessor(imageSize));
        return training ? InputPipeline.training(config, preprocessor) : InputPipeline.evaluation(config, preprocessor);
    }

    @Override
    public StepBatch next() throws IOException {
        Batch b = pipeline.next();
        if (b == null) { // an evaluation pass ended (a training input never does): start the next one
            pipeline.close();
            pipeline = open();
            b = pipeline.next();
            if (b == null) {
                throw new IOException("--data " + config.patterns().get(0) + " holds fewer than " + config.batchSize()
                        + " images, not one full batch; give more records or a smaller --train_batch_size");
            }
        }
        return new StepBatch(b.images(), b.labels());
    }

    @Override
    public boolean readsFiles() {
        return true;
    }

    @Override
    public void close() {
        pipeline.close();
    }
}

package dev.imgcls.train.bench;

import dev.imgcls.data.pipeline.Batch;
import dev.imgcls.data.pipeline.InputPipeline;
import dev.imgcls.data.pipeline.PipelineConfig;
import dev.imgcls.data.preprocess.ImagePreprocessor;
import dev.imgcls.data.preprocess.ReferenceExamplePreprocessor;

import java.io.IOException;
import java.util.List;

/** Training batches read from TFRecords and preprocessed as the trainer does (crop, flip, resize). */
final class RecordBatches implements BatchSource {
    private final InputPipeline pipeline;

    RecordBatches(String pattern, int batchSize, int imageSize, int numClasses, long seed, int workers) throws IOException {
        PipelineConfig config = PipelineConfig.builder(List.of(pattern), batchSize, numClasses)
                .seed(seed)
                .workers(workers)
                .build();
        this.pipeline = InputPipeline.training(config, new ReferenceExamplePreprocessor(new ImagePreprocessor(imageSize)));
    }

    @Override
    public StepBatch next() throws IOException {
        Batch b = pipeline.next();
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

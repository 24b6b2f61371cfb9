package dev.imgcls.train.loop;

import dev.imgcls.data.pipeline.Batch;
import dev.imgcls.data.pipeline.ExamplePreprocessor;
import dev.imgcls.data.pipeline.InputPipeline;
import dev.imgcls.data.pipeline.PipelineConfig;
import dev.imgcls.data.pipeline.SkippedImages;
import dev.imgcls.data.tfrecord.RecordLocation;
import dev.imgcls.tensor.Shape;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.spi.HostStorage;
import dev.imgcls.tensor.spi.TensorAccess;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The validation batches of every evaluation: the same images each time (the pipeline's
 * evaluation order is fixed). When they fit in {@value #CACHE_LIMIT_BYTES} bytes they are decoded
 * once and kept, since decoding is the slow part of a small evaluation; otherwise each evaluation
 * reads them again.
 */
final class EvaluationData {
    static final long CACHE_LIMIT_BYTES = 512L << 20;

    private final PipelineConfig config;
    private final Supplier<ExamplePreprocessor> preprocessor;
    private final int imageSize;
    private final boolean cache;
    private List<float[]> cachedImages;
    private List<int[]> cachedLabels;
    private List<List<RecordLocation>> cachedLocations;
    private long skipped;
    private RecordLocation firstSkipped;

    /**
     * @param batches the batches one evaluation uses ({@link dev.imgcls.data.pipeline.EvalSize#batches})
     */
    EvaluationData(PipelineConfig config, Supplier<ExamplePreprocessor> preprocessor, int imageSize, long batches) {
        this.config = config;
        this.preprocessor = preprocessor;
        this.imageSize = imageSize;
        this.cache = batches * config.batchSize() * (long) imageSize * imageSize * 3 * Float.BYTES <= CACHE_LIMIT_BYTES;
    }

    /** What an evaluation does with one batch. */
    @FunctionalInterface
    interface BatchBody {
        void accept(Batch batch) throws IOException;
    }

    /**
     * Reads and keeps the images now when they are to be kept, so that a validation set the job
     * cannot use (a label outside num_classes, an image that does not decode) stops it before
     * training rather than at the first evaluation.
     */
    void prepare() throws IOException {
        if (cache && cachedImages == null) {
            forEach(batch -> { });
        }
    }

    /** Calls {@code body} with each batch in order; the batch's tensors live in the caller's memory scope. */
    void forEach(BatchBody body) throws IOException {
        if (cachedImages != null) {
            for (int i = 0; i < cachedImages.size(); i++) {
                int n = cachedLabels.get(i).length;
                Tensor x = TensorAccess.fromStorage(Shape.of(n, imageSize, imageSize, 3), HostStorage.wrap(cachedImages.get(i)));
                Tensor y = TensorAccess.fromStorage(Shape.of(n), HostStorage.wrap(cachedLabels.get(i)));
                body.accept(new Batch(x, y, cachedLocations.get(i))); // the locations name the images of the report's worst mistakes
            }
            return;
        }
        List<float[]> images = cache ? new ArrayList<>() : null;
        List<int[]> labels = cache ? new ArrayList<>() : null;
        List<List<RecordLocation>> locations = cache ? new ArrayList<>() : null;
        try (InputPipeline pipeline = InputPipeline.evaluation(config, preprocessor.get())) {
            for (Batch b = pipeline.next(); b != null; b = pipeline.next()) {
                if (cache) {
                    images.add(b.images().toFloatArray());
                    labels.add(b.labels().toIntArray());
                    locations.add(b.locations());
                }
                body.accept(b);
            }
            skipped = pipeline.skippedImages();
            firstSkipped = pipeline.firstSkippedImage();
        }
        if (cache) {
            cachedImages = images;
            cachedLabels = labels;
            cachedLocations = locations;
        }
    }

    /**
     * "skipped 3 undecodable validation images (first: FILE record 7)" after a pass that skipped
     * any (with {@code --skip_bad_images}), else {@code null}. Every pass reads the same records,
     * so it holds for every evaluation.
     */
    String skippedSummary() {
        return SkippedImages.summary("validation", skipped, firstSkipped);
    }
}

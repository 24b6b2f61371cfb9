package dev.imgcls.data.pipeline;

import dev.imgcls.data.example.ImageExampleParser;
import dev.imgcls.data.example.ImageFeatureKeys;
import dev.imgcls.data.example.InvalidExampleException;
import dev.imgcls.data.example.LabeledImage;
import dev.imgcls.data.tfrecord.RecordException;
import dev.imgcls.data.tfrecord.RecordLocation;
import dev.imgcls.data.tfrecord.TFRecord;

/**
 * The per-example work that runs on the worker threads: parse the tf.Example, check the label,
 * preprocess the image into the example's window buffer, and report the outcome. Every outcome,
 * failures included, is reported, so the batcher never waits for an example that will not come.
 */
final class ExampleWorker {

    private final ExamplePreprocessor preprocessor;
    private final LabelRange labels;
    private final ReorderWindow window;
    private final boolean training;
    private final long seed;
    private final boolean skipUndecodable;

    ExampleWorker(ExamplePreprocessor preprocessor, LabelRange labels, ReorderWindow window, boolean training, long seed,
                  boolean skipUndecodable) {
        this.preprocessor = preprocessor;
        this.labels = labels;
        this.window = window;
        this.training = training;
        this.seed = seed;
        this.skipUndecodable = skipUndecodable;
    }

    /**
     * @param position the example's place in the window
     * @param sequence its number in the whole record stream, which keys its random draws
     */
    void process(long position, long sequence, TFRecord record) {
        window.complete(position, outcome(position, sequence, record));
    }

    private ExampleResult outcome(long position, long sequence, TFRecord record) {
        RecordLocation location = record.location();
        try {
            LabeledImage example = ImageExampleParser.parse(record);
            int classIndex = labels.classIndex(example.label(), location);
            float[] out = window.buffer(position);
            if (training) {
                preprocessor.train(example.encoded(), ExampleSeeds.forExample(seed, sequence), out, 0);
            } else {
                preprocessor.eval(example.encoded(), out, 0);
            }
            return ExampleResult.ready(classIndex, location);
        } catch (UndecodableImageException e) {
            RecordException error = new InvalidExampleException(location, "the image in '" + ImageFeatureKeys.ENCODED
                    + "' cannot be decoded: " + e.getMessage(), e);
            return skipUndecodable ? ExampleResult.skipped(error, location) : ExampleResult.failed(error);
        } catch (RecordException e) {
            return ExampleResult.failed(e);
        } catch (RuntimeException | Error e) {
            // A bug or resource failure in preprocessing: still say which record triggered it.
            return ExampleResult.failed(new RecordException(location, location + ": preprocessing failed: " + e, e));
        }
    }
}

package dev.imgcls.train.report;

import dev.imgcls.data.example.ImageExampleParser;
import dev.imgcls.data.example.LabeledImage;
import dev.imgcls.data.image.ImageDecodeException;
import dev.imgcls.data.tfrecord.Compression;
import dev.imgcls.data.tfrecord.RecordException;
import dev.imgcls.data.tfrecord.RecordLocation;
import dev.imgcls.data.tfrecord.TFRecord;
import dev.imgcls.data.tfrecord.TFRecordReader;
import dev.imgcls.io.FileSystem;
import dev.imgcls.io.FileSystems;
import dev.imgcls.train.predict.ImagePredictor;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * An exported model over every record of TFRecord files, as {@code imgcls evaluate} runs it: each
 * image through the model's serving preprocessing and network ({@link ImagePredictor}) in batches,
 * into an {@link EvaluationTally}. Unlike the trainer's evaluation, the last partial batch is
 * evaluated too. Images that do not decode are skipped and counted.
 */
public final class DatasetEvaluation {
    private final ImagePredictor predictor;
    private final int batchSize;
    private final int labelBase;
    private long skipped;
    private String firstSkipped;
    private int files;

    /** @param labelBase the smallest label of the records: 0, or 1 for data numbered from 1 */
    public DatasetEvaluation(ImagePredictor predictor, int batchSize, int labelBase) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        this.predictor = predictor;
        this.batchSize = batchSize;
        this.labelBase = labelBase;
    }

    /**
     * Evaluates every record of the files {@code pattern} matches (local or {@code gs://}, sorted).
     *
     * @throws RecordException naming the record when one is not an image tf.Example or its label is out of range
     * @throws java.nio.file.NoSuchFileException when nothing matches
     */
    public EvaluationTally run(String pattern, int worstKept, FileSystems fileSystems) throws IOException {
        EvaluationTally tally = new EvaluationTally(predictor.numClasses(), worstKept);
        FileSystem fs = fileSystems.resolve(pattern);
        List<String> paths = fs.glob(pattern);
        files = paths.size();
        List<LabeledImage> batch = new ArrayList<>(batchSize);
        for (String path : paths) {
            try (TFRecordReader reader = TFRecordReader.open(fs, path, Compression.NONE)) {
                for (TFRecord r = reader.next(); r != null; r = reader.next()) {
                    batch.add(ImageExampleParser.parse(r));
                    if (batch.size() == batchSize) {
                        evaluate(batch, tally);
                        batch.clear();
                    }
                }
            }
        }
        if (!batch.isEmpty()) {
            evaluate(batch, tally);
        }
        return tally;
    }

    /** Files the last run read. */
    public int files() {
        return files;
    }

    /** "skipped 2 images that do not decode (first: …)", or {@code null} when none were. */
    public String skippedSummary() {
        return skipped == 0 ? null : "skipped " + skipped + " image" + (skipped == 1 ? "" : "s") + " that do not decode (first: " + firstSkipped
                + ")";
    }

    private void evaluate(List<LabeledImage> batch, EvaluationTally tally) throws RecordException {
        int classes = predictor.numClasses();
        for (LabeledImage image : batch) {
            long c = image.label() - labelBase;
            if (c < 0 || c >= classes) {
                throw new RecordException(image.location(), "label " + image.label() + " is outside " + labelBase + ".." + (classes - 1 + labelBase)
                        + " for the model's " + classes + " classes" + (labelBase == 0 && c == classes ? "; for labels numbered from 1 pass --label_base=1"
                        : "; is this the data the model was trained for?"));
            }
        }
        int per = predictor.imageSize() * predictor.imageSize() * 3;
        float[] pixels = new float[batch.size() * per];
        String[] problems = new String[batch.size()];
        IntStream.range(0, batch.size()).parallel().forEach(i -> {
            try {
                predictor.preprocess(batch.get(i).encoded(), pixels, i * per);
            } catch (ImageDecodeException e) {
                problems[i] = e.getMessage();
            }
        });
        List<Integer> good = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            if (problems[i] == null) {
                good.add(i);
            } else if (skipped++ == 0) {
                firstSkipped = batch.get(i).location() + ": " + problems[i];
            }
        }
        if (good.isEmpty()) {
            return;
        }
        float[] kept = pixels;
        if (good.size() < batch.size()) {
            kept = new float[good.size() * per];
            for (int j = 0; j < good.size(); j++) {
                System.arraycopy(pixels, good.get(j) * per, kept, j * per, per);
            }
        }
        int[] labels = new int[good.size()];
        RecordLocation[] locations = new RecordLocation[good.size()];
        for (int j = 0; j < good.size(); j++) {
            LabeledImage image = batch.get(good.get(j));
            labels[j] = (int) (image.label() - labelBase);
            locations[j] = image.location();
        }
        float[] logits = predictor.logits(kept, good.size());
        float[] shown = kept;
        tally.add(logits, labels, row -> Thumbnail.of(shown, row * per, predictor.imageSize()), row -> WorstExample.source(locations[row]));
    }
}

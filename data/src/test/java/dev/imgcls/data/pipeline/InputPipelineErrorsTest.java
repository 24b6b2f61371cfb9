package dev.imgcls.data.pipeline;

import dev.imgcls.data.example.FeatureValues;
import dev.imgcls.data.example.ImageExampleBuilder;
import dev.imgcls.data.example.ImageFeatureKeys;
import dev.imgcls.data.example.InvalidExampleException;
import dev.imgcls.data.proto.Example;
import dev.imgcls.data.proto.Features;
import dev.imgcls.data.tfrecord.Compression;
import dev.imgcls.data.tfrecord.CorruptRecordException;
import dev.imgcls.data.tfrecord.RecordLocation;
import dev.imgcls.data.tfrecord.TFRecordWriter;
import dev.imgcls.tensor.Generator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every kind of bad input reaches the consumer as an error naming the file and record. */
class InputPipelineErrorsTest {

    private static final int SIZE = 5;
    private static final int SHARDS = 4;
    private static final int PER_SHARD = 50;
    private static final int BAD_SHARD = 2;
    private static final int BAD_INDEX = 37;

    @TempDir
    Path dir;

    /** Good images labelled 0..3 by shard, except record 37 of shard 2, which is not an image. */
    private String shardsWithBadImage() throws IOException {
        TestShards.RecordMaker good = TestShards.labelledByShard(SHARDS, 0);
        return TestShards.write(dir, SHARDS, PER_SHARD, (s, i) -> s == BAD_SHARD && i == BAD_INDEX
                ? new TestShards.Content("this is not an image".getBytes(StandardCharsets.US_ASCII), s)
                : good.make(s, i));
    }

    private PipelineConfig.Builder config(String pattern) {
        return PipelineConfig.builder(List.of(pattern), 8, SHARDS).workers(3).seed(9);
    }

    /** Takes batches until the pipeline fails; fails the test if it does not within {@code limit} batches. */
    private static InputPipelineException failure(InputPipeline p, int limit) throws IOException {
        for (int b = 0; b < limit; b++) {
            try {
                if (p.next() == null) {
                    break;
                }
            } catch (InputPipelineException e) {
                // The error is sticky: asking again gives the same reason.
                InputPipelineException again = assertThrows(InputPipelineException.class, p::next);
                assertEquals(e.getMessage(), again.getMessage());
                return e;
            }
        }
        throw new AssertionError("the pipeline did not fail");
    }

    private void assertNamesBadRecord(InputPipelineException e) {
        String file = TestShards.path(dir, BAD_SHARD, SHARDS).toString();
        assertTrue(e.getMessage().contains("record " + BAD_INDEX), e.getMessage());
        assertTrue(e.getMessage().contains(file), e.getMessage());
        assertEquals(file, e.location().source());
        assertEquals(BAD_INDEX, e.location().index());
    }

    @Test
    void undecodableImageDeepInAShardStopsTraining() throws IOException {
        try (InputPipeline p = InputPipeline.training(config(shardsWithBadImage()).build(), new NearestNeighbourPreprocessor(SIZE, 0))) {
            InputPipelineException e = failure(p, 60); // one epoch is 25 batches
            assertNamesBadRecord(e);
            assertTrue(e.getMessage().contains("cannot be decoded"), e.getMessage());
            assertTrue(e.undecodableImage());
            InvalidExampleException cause = assertInstanceOf(InvalidExampleException.class, e.getCause());
            assertInstanceOf(UndecodableImageException.class, cause.getCause());
        }
    }

    @Test
    void undecodableImageStopsEvaluationAfterTheBatchesBeforeIt() throws IOException {
        try (InputPipeline p = InputPipeline.evaluation(config(shardsWithBadImage()).build(), new NearestNeighbourPreprocessor(SIZE, 1))) {
            // Records before the bad one: 2 * 50 + 37 = 137, i.e. 17 full batches of 8.
            for (int b = 0; b < 17; b++) {
                assertEquals(8, p.next().size());
            }
            assertNamesBadRecord(assertThrows(InputPipelineException.class, p::next));
        }
    }

    @Test
    void skippedImagesAreCountedAndNeverDelivered() throws IOException {
        PipelineConfig config = config(shardsWithBadImage()).skipUndecodable(true).build();
        try (InputPipeline p = InputPipeline.evaluation(config, new NearestNeighbourPreprocessor(SIZE, 0))) {
            int images = 0;
            for (Batch b; (b = p.next()) != null; ) {
                for (RecordLocation at : b.locations()) {
                    assertFalse(InputPipelineTest.shardOf(at) == BAD_SHARD && at.index() == BAD_INDEX, "bad record delivered");
                }
                images += b.size();
            }
            assertEquals((SHARDS * PER_SHARD - 1) / 8 * 8, images);
            assertEquals(1, p.skippedImages());
            assertEquals(TestShards.path(dir, BAD_SHARD, SHARDS).toString(), p.firstSkippedImage().source());
            assertEquals(BAD_INDEX, p.firstSkippedImage().index());
        }
        PipelineConfig training = config(shardsWithBadImage()).skipUndecodable(true).shuffleBuffer(64).build();
        try (InputPipeline p = InputPipeline.training(training, new NearestNeighbourPreprocessor(SIZE, 0))) {
            // Training goes on past the bad record, epoch after epoch.
            for (int b = 0; b < 300 && p.skippedImages() < 2; b++) {
                for (RecordLocation at : p.next().locations()) {
                    assertFalse(InputPipelineTest.shardOf(at) == BAD_SHARD && at.index() == BAD_INDEX, "bad record delivered");
                }
            }
            assertEquals(2, p.skippedImages());
        }
    }

    /** Flips one payload byte of record 37 of shard 2, so its CRC no longer matches. */
    private String shardsWithCorruptRecord() throws IOException {
        String pattern = TestShards.write(dir, SHARDS, PER_SHARD, TestShards.labelledByShard(SHARDS, 0));
        Path shard = TestShards.path(dir, BAD_SHARD, SHARDS);
        long offset = TestShards.recordOffsets(shard).get(BAD_INDEX);
        byte[] bytes = Files.readAllBytes(shard);
        bytes[(int) offset + 12 + 20] ^= 0x40;
        Files.write(shard, bytes);
        return pattern;
    }

    @Test
    void corruptRecordDeepInAShardIsReportedWithFileAndIndexEvenWhenSkipping() throws IOException {
        PipelineConfig config = config(shardsWithCorruptRecord()).skipUndecodable(true).build();
        for (boolean training : new boolean[] {true, false}) {
            try (InputPipeline p = training ? InputPipeline.training(config, new NearestNeighbourPreprocessor(SIZE, 0))
                    : InputPipeline.evaluation(config, new NearestNeighbourPreprocessor(SIZE, 0))) {
                InputPipelineException e = failure(p, 60);
                assertNamesBadRecord(e);
                assertTrue(e.getMessage().contains("corrupted record"), e.getMessage());
                assertInstanceOf(CorruptRecordException.class, e.getCause());
                assertFalse(e.undecodableImage(), "a damaged record is no undecodable image: skipping does not pass over it");
                assertEquals(0, p.skippedImages());
                assertNull(p.firstSkippedImage());
            }
        }
    }

    @Test
    void labelEqualToNumClassesSuggestsMoreClassesOrOneBasedLabels() throws IOException {
        // Labels 1..4 for 4 classes, read as 0-based: label 4 is the first out of range.
        String pattern = TestShards.write(dir, SHARDS, 10, TestShards.labelledByShard(SHARDS, 1));
        try (InputPipeline p = InputPipeline.evaluation(config(pattern).build(), new NearestNeighbourPreprocessor(SIZE, 0))) {
            InputPipelineException e = failure(p, 10);
            LabelOutOfRangeException cause = assertInstanceOf(LabelOutOfRangeException.class, e.getCause());
            assertEquals(4, cause.label());
            assertEquals(TestShards.path(dir, 3, SHARDS).toString(), e.location().source());
            assertEquals(0, e.location().index());
            assertTrue(e.getMessage().contains("label 4 is outside [0, 3]"), e.getMessage());
            assertTrue(e.getMessage().contains("raise --num_classes to at least 5"), e.getMessage());
            assertTrue(e.getMessage().contains("or pass --label_base=1 if the labels start at 1"), e.getMessage());
        }
    }

    @Test
    void labelZeroWithOneBasedSettingSuggestsZeroBasedLabels() throws IOException {
        String pattern = TestShards.write(dir, SHARDS, 10, TestShards.labelledByShard(SHARDS, 0));
        PipelineConfig config = config(pattern).labelBase(LabelBase.ONE).build();
        try (InputPipeline p = InputPipeline.training(config, new NearestNeighbourPreprocessor(SIZE, 0))) {
            InputPipelineException e = failure(p, 10);
            assertEquals(TestShards.path(dir, 0, SHARDS).toString(), e.location().source());
            assertTrue(e.getMessage().contains("label 0 is outside [1, 4]"), e.getMessage());
            assertTrue(e.getMessage().contains("pass --label_base=0 if the labels start at 0"), e.getMessage());
        }
    }

    @Test
    void exampleWithoutLabelNamesTheMissingFeature() throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("nolabel.tfrec");
        try (OutputStream out = Files.newOutputStream(file);
             TFRecordWriter w = new TFRecordWriter(out, Compression.NONE)) {
            Example noLabel = Example.newBuilder()
                    .setFeatures(Features.newBuilder().putFeature(ImageFeatureKeys.ENCODED, FeatureValues.bytes(TestShards.png(0, 0))))
                    .build();
            w.write(new ImageExampleBuilder().encoded(TestShards.png(0, 1)).label(1).toByteArray());
            w.write(noLabel.toByteArray());
            w.commit();
        }
        PipelineConfig config = PipelineConfig.builder(List.of(file.toString()), 1, 2).build();
        try (InputPipeline p = InputPipeline.evaluation(config, new NearestNeighbourPreprocessor(SIZE, 0))) {
            assertEquals(1, p.next().size());
            InputPipelineException e = assertThrows(InputPipelineException.class, p::next);
            assertTrue(e.getMessage().contains("record 1 at offset"), e.getMessage());
            assertTrue(e.getMessage().contains("no feature 'image/class/label'"), e.getMessage());
        }
    }

    @Test
    void patternMatchingNothingFailsAtOnce() {
        String pattern = dir.resolve("validation-*").toString();
        PipelineConfig config = PipelineConfig.builder(List.of(pattern), 4, 2).build();
        NoSuchFileException e = assertThrows(NoSuchFileException.class,
                () -> InputPipeline.training(config, new NearestNeighbourPreprocessor(SIZE, 0)));
        assertTrue(e.getMessage().contains(pattern), e.getMessage());
    }

    @Test
    void fileRemovedAfterListingIsReportedWhenReached() throws IOException {
        String pattern = TestShards.write(dir, 2, 100, TestShards.labelledByShard(2, 0));
        Path second = TestShards.path(dir, 1, 2);
        PipelineConfig config = PipelineConfig.builder(List.of(pattern), 4, 2).workers(2).build();
        try (InputPipeline p = InputPipeline.evaluation(config, new NearestNeighbourPreprocessor(SIZE, 0))) {
            // The window and prefetch queue hold far fewer than 100 examples, so the second file is not open yet.
            Files.delete(second);
            for (int b = 0; b < 25; b++) {
                p.next();
            }
            InputPipelineException e = assertThrows(InputPipelineException.class, p::next);
            assertInstanceOf(NoSuchFileException.class, e.getCause());
            assertTrue(e.getMessage().endsWith("validation input failed: " + second + ": no such file"), e.getMessage());
            assertNull(e.location());
        }
    }

    @Test
    void preprocessorBugStillNamesTheRecord() throws IOException {
        String pattern = TestShards.write(dir, 1, 3, TestShards.labelledByShard(1, 0));
        ExamplePreprocessor broken = new ExamplePreprocessor() {
            @Override
            public int imageSize() {
                return SIZE;
            }

            @Override
            public void train(byte[] encoded, Generator random, float[] out, int offset) {
                throw new ArrayIndexOutOfBoundsException("bug");
            }

            @Override
            public void eval(byte[] encoded, float[] out, int offset) {
                throw new ArrayIndexOutOfBoundsException("bug");
            }
        };
        PipelineConfig config = PipelineConfig.builder(List.of(pattern), 1, 1).skipUndecodable(true).build();
        try (InputPipeline p = InputPipeline.evaluation(config, broken)) {
            InputPipelineException e = assertThrows(InputPipelineException.class, p::next);
            assertTrue(e.getMessage().contains("record 0 at offset 0"), e.getMessage());
            assertSame(ArrayIndexOutOfBoundsException.class, e.getCause().getCause().getClass());
        }
    }
}

package dev.imgcls.train.bench;

import dev.imgcls.tensor.Generator;
import dev.imgcls.tensor.MemoryScope;
import dev.imgcls.tensor.Tensor;

/**
 * One random batch made up front and handed out every step, so no step pays for input: pixel
 * values uniform in [0, 255) as decoded images are before the model's normalisation.
 */
final class SyntheticBatches implements BatchSource {
    private final StepBatch batch;

    SyntheticBatches(int batchSize, int imageSize, int numClasses, long seed) {
        Generator gen = new Generator(seed);
        Tensor images = Tensor.randomUniform(gen, 0, 255, batchSize, imageSize, imageSize, 3);
        int[] labels = new int[batchSize];
        for (int i = 0; i < batchSize; i++) {
            labels[i] = (int) Math.floor(gen.nextDouble() * numClasses);
        }
        Tensor labelTensor = Tensor.ofInts(labels, batchSize);
        // Kept for the whole run, whatever scope the caller had open.
        MemoryScope.detach(images);
        MemoryScope.detach(labelTensor);
        this.batch = new StepBatch(images, labelTensor);
    }

    @Override
    public StepBatch next() {
        return batch;
    }

    @Override
    public boolean readsFiles() {
        return false;
    }

    @Override
    public void close() {
        batch.images().release();
        batch.labels().release();
    }
}

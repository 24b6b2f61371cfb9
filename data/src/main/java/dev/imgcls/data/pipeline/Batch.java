package dev.imgcls.data.pipeline;

import dev.imgcls.data.tfrecord.RecordLocation;
import dev.imgcls.tensor.Shape;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.spi.HostStorage;
import dev.imgcls.tensor.spi.TensorAccess;

import java.util.List;

/**
 * One batch: NHWC float32 images {@code [B, S, S, 3]}, INT32 class indices {@code [B]} (already
 * label − base), and where each example came from (for messages such as "loss became NaN at ...").
 * The tensors are CPU tensors over the pipeline's arrays (no copy); they are created in the
 * consumer's thread, so they belong to the {@link dev.imgcls.tensor.MemoryScope} open there.
 */
public record Batch(Tensor images, Tensor labels, List<RecordLocation> locations) {

    static Batch of(float[] images, int[] labels, RecordLocation[] locations, int imageSize) {
        int n = labels.length;
        Tensor x = TensorAccess.fromStorage(Shape.of(n, imageSize, imageSize, 3), HostStorage.wrap(images));
        Tensor y = TensorAccess.fromStorage(Shape.of(n), HostStorage.wrap(labels));
        return new Batch(x, y, List.of(locations));
    }

    public int size() {
        return locations.size();
    }
}

package dev.imgcls.nn.example;

import dev.imgcls.nn.Variable;
import dev.imgcls.nn.VariableStore;
import dev.imgcls.nn.optim.MomentumSettings;
import dev.imgcls.nn.optim.Optimizer;
import dev.imgcls.nn.schedule.CosineSchedule;
import dev.imgcls.nn.schedule.LearningRateSchedule;
import dev.imgcls.nn.schedule.Warmup;
import dev.imgcls.tensor.Generator;
import dev.imgcls.tensor.MemoryScope;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.ops.ConvOps;
import dev.imgcls.tensor.ops.LossOps;
import dev.imgcls.tensor.ops.Padding;

import java.util.stream.IntStream;

/**
 * The training loop that README.md's tensor-library section shows: the lines between the
 * {@code README} markers are the README's code block, which {@link ReadmeTrainingLoopTest} checks
 * line by line, so edit them here and copy them there.
 */
final class ReadmeTrainingLoop {
    private ReadmeTrainingLoop() {
    }

    /** Trains a tiny CNN on one synthetic batch; the loss of every step. */
    @SuppressWarnings("try") // the step scope works by being open
    static double[] run() {
        // README begin
        Generator gen = new Generator(42);
        Tensor images = Tensor.randomNormal(gen, 0, 1, 32, 6, 6, 1);        // a synthetic NHWC batch
        Tensor labels = Tensor.ofInts(IntStream.range(0, 32).map(i -> i % 4).toArray(), 32);

        VariableStore store = new VariableStore();                          // names as TF1 layers do
        Variable kernel = store.create("conv2d", "kernel", Variable.Role.KERNEL, Tensor.truncatedNormal(gen, 0, 0.3, 3, 3, 1, 8));
        Variable bias = store.create("conv2d", "bias", Variable.Role.BIAS, Tensor.zeros(8));
        Variable dense = store.create("dense", "kernel", Variable.Role.KERNEL, Tensor.truncatedNormal(gen, 0, 0.1, 6 * 6 * 8, 4));
        Optimizer optimizer = new MomentumSettings(0.9, false).create(store.all());
        LearningRateSchedule schedule = new CosineSchedule(Warmup.none(0.05), 100);

        double[] losses = new double[100];
        for (int step = 0; step < losses.length; step++) {
            try (MemoryScope scope = MemoryScope.open()) {                 // frees the step's temporaries
                Tensor h = ConvOps.conv2d(images, kernel.value(), 1, Padding.SAME).add(bias.value()).relu();
                Tensor logits = h.reshape(32, 6 * 6 * 8).matmul(dense.value());
                Tensor loss = LossOps.softmaxCrossEntropyMean(logits, labels, 0);
                losses[step] = loss.item();
                loss.backward();
                optimizer.apply(schedule.at(step));    // assigns new weights, releases the gradients
            }
        }
        // README end
        return losses;
    }
}

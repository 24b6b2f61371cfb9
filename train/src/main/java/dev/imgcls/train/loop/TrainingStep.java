package dev.imgcls.train.loop;

import dev.imgcls.data.pipeline.Batch;
import dev.imgcls.nn.Model;
import dev.imgcls.nn.optim.Optimizer;
import dev.imgcls.nn.optim.WeightAverage;
import dev.imgcls.tensor.Device;
import dev.imgcls.tensor.MemoryScope;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.train.optim.TrainingLoss;

/**
 * One training step as the reference's {@code model_fn} in TRAIN mode: forward in training mode
 * (batch statistics; the model updates its moving averages), the label-smoothed cross-entropy plus
 * weight decay, backward, and one optimizer update with the step's learning rate. Every tensor of
 * the step is freed by the step's own {@link MemoryScope}; only the variables and slots live on.
 *
 * <p>The step runs where the model's variables are: the batch is copied there (a no-op on the
 * CPU), and only the two loss values come back to the host. With several ranks the batch is this
 * rank's share, the dropout draws are its rows of the global batch's, and the gradients and
 * losses are averaged over the ranks before the update ({@link DataParallel}).
 *
 * <p>With a moving average of the weights, its shadows follow the updated variables after every
 * step, as TF's {@code ema.apply} runs after the train op; every rank applies the same update to
 * the same averaged weights, so their shadows stay equal.
 */
public final class TrainingStep {
    private final Model model;
    private final Optimizer optimizer;
    private final double labelSmoothing;
    private final double weightDecay;
    private final long seed;
    private final DataParallel parallel;
    private final WeightAverage average;

    /** A one-process step without a moving average. */
    public TrainingStep(Model model, Optimizer optimizer, double labelSmoothing, double weightDecay, long seed) {
        this(model, optimizer, labelSmoothing, weightDecay, seed, DataParallel.single(), WeightAverage.off());
    }

    TrainingStep(Model model, Optimizer optimizer, double labelSmoothing, double weightDecay, long seed, DataParallel parallel,
                 WeightAverage average) {
        this.parallel = parallel;
        this.average = average;
        this.model = model;
        this.optimizer = optimizer;
        this.labelSmoothing = labelSmoothing;
        this.weightDecay = weightDecay;
        this.seed = seed;
    }

    /** The losses of a step, as numbers. */
    public record Losses(double total, double crossEntropy) {
    }

    /**
     * Trains on one batch.
     *
     * @param step the global step before the update (picks the step's dropout draws)
     * @throws NonFiniteLossException when the loss is NaN or infinite (the update is not applied)
     */
    @SuppressWarnings("try") // the scope works by being open
    public Losses run(Batch batch, long step, double learningRate) {
        try (MemoryScope scope = MemoryScope.open()) {
            Device device = model.device();
            Tensor images = batch.images().toDevice(device);
            Tensor labels = batch.labels().toDevice(device);
            TrainingLoss loss = TrainingLoss.compute(model.forward(images, parallel.trainingMode(StepSeeds.dropout(seed, step))),
                    labels, labelSmoothing, weightDecay, model.variables());
            double total = loss.total().item();
            if (!parallel.distributed() && !Double.isFinite(total)) {
                throw new NonFiniteLossException(step, total, batch);
            }
            double crossEntropy = loss.crossEntropy().item(); // before the backward pass releases the graph
            loss.total().backwardReleasingGraph();
            if (parallel.distributed()) {
                // Every rank learns the global batch's loss with the gradients, so all of them stop together on a NaN.
                double[] averaged = parallel.averageGradients(optimizer.variables(), total, crossEntropy);
                total = averaged[0];
                crossEntropy = averaged[1];
                if (!Double.isFinite(total)) {
                    optimizer.variables().forEach(v -> v.zeroGrad());
                    throw new NonFiniteLossException(step, total, batch);
                }
            }
            optimizer.apply(learningRate);
            if (parallel.distributed()) {
                parallel.averageMovingStatistics(model.variables());
            }
            average.update(step + 1); // TF's num_updates: the global step the train op has just incremented
            return new Losses(total, crossEntropy);
        }
    }
}

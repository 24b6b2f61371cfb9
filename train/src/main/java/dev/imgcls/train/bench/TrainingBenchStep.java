package dev.imgcls.train.bench;

import dev.imgcls.nn.Mode;
import dev.imgcls.nn.Model;
import dev.imgcls.nn.optim.AdamSettings;
import dev.imgcls.nn.optim.MomentumSettings;
import dev.imgcls.nn.optim.Optimizer;
import dev.imgcls.nn.optim.OptimizerSettings;
import dev.imgcls.nn.optim.RmsPropSettings;
import dev.imgcls.tensor.Generator;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.train.optim.TrainingLoss;

/** A training step as the trainer's: forward in train mode, loss, backward releasing the graph, optimizer update. */
final class TrainingBenchStep implements BenchStep {
    private final Model model;
    private final BenchOptions options;
    private final Optimizer optimizer;
    private final Generator noise;

    /** @param model already on its device, since the optimizer makes its slots where the variables are */
    TrainingBenchStep(Model model, BenchOptions options) {
        this.model = model;
        this.options = options;
        this.optimizer = settings(options).create(model.variables());
        this.noise = new Generator(options.seed() + 1);
    }

    @Override
    public double run(StepBatch batch) {
        Tensor images = batch.images().toDevice(model.device());
        Tensor labels = batch.labels().toDevice(model.device());
        TrainingLoss l = TrainingLoss.compute(model.forward(images, Mode.train(noise)), labels,
                options.labelSmoothing(), options.weightDecay(), model.variables());
        l.total().backwardReleasingGraph();
        optimizer.apply(options.learningRate());
        return l.total().item();
    }

    private static OptimizerSettings settings(BenchOptions options) {
        return switch (options.optimizerType()) {
            case MOMENTUM -> MomentumSettings.DEFAULTS;
            case ADAM -> AdamSettings.DEFAULTS;
            case RMSPROP -> RmsPropSettings.DEFAULTS;
        };
    }
}

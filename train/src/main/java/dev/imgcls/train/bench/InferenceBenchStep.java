package dev.imgcls.train.bench;

import dev.imgcls.nn.Mode;
import dev.imgcls.nn.Model;
import dev.imgcls.tensor.Autograd;

/**
 * An inference pass as PyTorch's infer mode in the side-by-side harness runs it ({@code block.forward(…,
 * training=false)} under grad mode off, then the logits to a host array): the images to the model's
 * device, {@link Mode#EVAL} forward (moving batch-norm statistics, no dropout or drop-connect) with
 * nothing recorded for autograd, and the logits read back, which waits for a GPU. No softmax, as the
 * peer has none; labels are not used.
 */
final class InferenceBenchStep implements BenchStep {
    private final Model model;

    InferenceBenchStep(Model model) {
        this.model = model;
    }

    @Override
    @SuppressWarnings("try") // the scope works by being open
    public double run(StepBatch batch) {
        float[] logits;
        try (Autograd.Scope noGrad = Autograd.noGrad()) {
            logits = model.forward(batch.images().toDevice(model.device()), Mode.EVAL).toFloatArray();
        }
        double sum = 0;
        for (float v : logits) {
            sum += v;
        }
        return sum / logits.length;
    }
}

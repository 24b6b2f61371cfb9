package dev.imgcls.export.savedmodel;

import dev.imgcls.nn.Mode;
import dev.imgcls.nn.Model;
import dev.imgcls.nn.ModelFactory;
import dev.imgcls.nn.Variable;
import dev.imgcls.tensor.Autograd;
import dev.imgcls.tensor.Generator;
import dev.imgcls.tensor.Tensor;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Models whose every variable matters: random weights, random gammas, betas and biases, and
 * batch-norm statistics that are random but of the right scale, so that activations neither
 * vanish nor explode and predictions depend on the image.
 */
public final class TestModels {
    private TestModels() {
    }

    /**
     * A fresh model with random gammas, betas and biases; moving statistics set to the batch
     * statistics of {@code calibration} (NHWC pixels) and then perturbed per channel (mean moved
     * by up to ±0.05 standard deviations, variance scaled by 0.9…1.1 and floored); the dense head scaled so
     * logits spread over a few units (softmax neither flat nor saturated).
     */
    public static Model randomized(String modelType, int numClasses, long seed, Tensor calibration) {
        Model m = ModelFactory.create(modelType, numClasses, seed);
        Generator g = new Generator(seed ^ 0x5DEECE66DL);
        for (Variable v : m.variables()) {
            int[] dims = v.shape().dims();
            switch (v.role()) {
                case GAMMA -> v.assign(Tensor.randomUniform(g, 0.6, 1.4, dims));
                case BETA, BIAS -> v.assign(Tensor.randomNormal(g, 0, 0.1, dims));
                default -> { }
            }
        }
        Map<Variable, float[]> batchStats = batchStatistics(m, calibration);
        for (Variable v : m.variables()) {
            float[] b = batchStats.get(v);
            if (b == null) {
                continue;
            }
            float[] out = new float[b.length];
            for (int i = 0; i < b.length; i++) {
                if (v.role() == Variable.Role.MOVING_MEAN) {
                    float variance = batchStats.get(m.variable(v.name().replace("moving_mean", "moving_variance")))[i];
                    out[i] = b[i] + (float) ((g.nextFloat() * 0.1 - 0.05) * Math.sqrt(variance + 1e-3));
                } else {
                    // Floors keep the network well conditioned. A channel nearly constant over the few
                    // calibration samples of a late 2×2 layer would divide other images' deviations by
                    // its tiny spread, and one whose mean dwarfs its spread makes x − mean cancel (TF
                    // folds batch norm into x·s + (β − mean·s)); either way float rounding grows
                    // layer by layer until TF and we disagree for reasons unrelated to the export.
                    float mean = batchStats.get(m.variable(v.name().replace("moving_variance", "moving_mean")))[i];
                    out[i] = Math.max(b[i] * (float) Math.exp((g.nextFloat() - 0.5) * 0.2), Math.max(0.05f, mean * mean / 16));
                }
            }
            v.assign(Tensor.of(out, v.shape().dims()));
        }
        scaleHead(m, calibration);
        return m;
    }

    /** Scales the dense kernel so the calibration logits have a standard deviation of about 3. */
    private static void scaleHead(Model m, Tensor images) {
        float[] logits;
        try (Autograd.Scope ng = Autograd.noGrad()) {
            logits = m.forward(images, Mode.EVAL).toFloatArray();
        }
        double sum = 0;
        double sq = 0;
        for (float l : logits) {
            sum += l;
            sq += (double) l * l;
        }
        double mean = sum / logits.length;
        double std = Math.sqrt(Math.max(sq / logits.length - mean * mean, 1e-12));
        Variable dense = m.variables().stream().filter(v -> v.name().endsWith("dense/kernel")).findFirst().orElseThrow();
        dense.assign(dense.value().mul(3.0 / std));
    }

    /**
     * The batch statistics each batch norm sees in a training-mode pass over {@code images}. A
     * training pass moves a moving statistic to {@code μ·m + (1 − μ)·b}; two passes from m = 0
     * and m = 1 give μ and then b, whatever the model's momentum.
     */
    private static Map<Variable, float[]> batchStatistics(Model m, Tensor images) {
        List<Variable> moving = m.variables().stream()
                .filter(v -> v.role() == Variable.Role.MOVING_MEAN || v.role() == Variable.Role.MOVING_VARIANCE).toList();
        Map<Variable, float[]> fromZero = movedFrom(m, moving, images, 0);
        Map<Variable, float[]> fromOne = movedFrom(m, moving, images, 1);
        Map<Variable, float[]> stats = new HashMap<>();
        for (Variable v : moving) {
            float[] a = fromZero.get(v);
            float[] c = fromOne.get(v);
            float[] b = new float[a.length];
            for (int i = 0; i < a.length; i++) {
                double momentum = c[i] - a[i];
                b[i] = (float) (a[i] / (1 - momentum));
            }
            stats.put(v, b);
        }
        return stats;
    }

    private static Map<Variable, float[]> movedFrom(Model m, List<Variable> moving, Tensor images, double start) {
        for (Variable v : moving) {
            v.assign(Tensor.full(v.value().dtype(), start, v.shape().dims()));
        }
        try (Autograd.Scope ng = Autograd.noGrad()) {
            m.forward(images, Mode.trainWithoutDropout());
        }
        Map<Variable, float[]> out = new HashMap<>();
        for (Variable v : moving) {
            out.put(v, v.value().toFloatArray());
        }
        return out;
    }
}

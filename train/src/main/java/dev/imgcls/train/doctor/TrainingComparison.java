package dev.imgcls.train.doctor;

import dev.imgcls.data.pipeline.Batch;
import dev.imgcls.nn.Model;
import dev.imgcls.nn.ModelFactory;
import dev.imgcls.nn.Variable;
import dev.imgcls.nn.optim.MomentumSettings;
import dev.imgcls.nn.optim.Optimizer;
import dev.imgcls.tensor.Autograd;
import dev.imgcls.tensor.Backends;
import dev.imgcls.tensor.Device;
import dev.imgcls.tensor.Generator;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.spi.Backend;
import dev.imgcls.train.loop.TrainingStep;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A few training steps of one model on two backends from the same initial weights and the same
 * batches (random images and labels drawn on the host from fixed seeds), and how far the two runs
 * drift apart: the per-step losses, and every variable after the last update (moving averages
 * included). Differences are relative: a loss to the reference's loss, a variable's elements to
 * the largest magnitude of the reference's variable.
 */
public final class TrainingComparison {
    private static final double LABEL_SMOOTHING = 0.1;
    private static final double WEIGHT_DECAY = 1e-4;
    private static final double LEARNING_RATE = 0.05;

    /** What to train: a model type of {@link ModelFactory}, image side, batch size, steps, classes, seed. */
    public record Settings(String modelType, int imageSize, int batchSize, int steps, int numClasses, long seed) {
    }

    /** One backend's run: the total loss of each step and each variable's values after the last step. */
    record Run(double[] losses, Map<String, float[]> variables) {
    }

    /** How far the candidate's run drifted from the reference's. */
    public record Outcome(Settings settings, double[] referenceLosses, double[] candidateLosses, double lossDifference,
            double weightDifference, String worstVariable) {
        /** Whether both differences are within {@code tolerance} (a NaN anywhere is not). */
        public boolean within(double tolerance) {
            return lossDifference <= tolerance && weightDifference <= tolerance;
        }
    }

    private TrainingComparison() {
    }

    /** Trains on {@code reference} (normally the CPU's) and on {@code candidate} (the GPU's) and compares. */
    public static Outcome compare(Settings settings, Backend reference, Backend candidate) {
        Run r = train(settings, reference);
        Run c = train(settings, candidate);
        double lossDifference = 0;
        for (int i = 0; i < r.losses().length; i++) {
            lossDifference = worse(lossDifference, Math.abs(c.losses()[i] - r.losses()[i]) / Math.max(Math.abs(r.losses()[i]), 1e-12));
        }
        double weightDifference = 0;
        String worst = "";
        for (Map.Entry<String, float[]> e : r.variables().entrySet()) {
            double d = relativeDifference(e.getValue(), c.variables().get(e.getKey()));
            if (Double.isNaN(d) || d > weightDifference) {
                weightDifference = d;
                worst = e.getKey();
                if (Double.isNaN(d)) {
                    break;
                }
            }
        }
        return new Outcome(settings, r.losses(), c.losses(), lossDifference, weightDifference, worst);
    }

    /** The steps on one backend: the model built on the host from the seed, then moved to the backend's device. */
    @SuppressWarnings("try") // the backend scope works by being open
    static Run train(Settings s, Backend backend) {
        Device device = backend.deviceKind() == Device.Kind.CPU ? Device.CPU : Device.cuda(0);
        try (Autograd.Scope use = Backends.use(backend)) {
            Model model = ModelFactory.create(s.modelType(), s.numClasses(), s.seed());
            model.moveTo(device); // before the optimizer, whose slots are made where the variables are
            Optimizer optimizer = MomentumSettings.DEFAULTS.create(model.variables());
            TrainingStep step = new TrainingStep(model, optimizer, LABEL_SMOOTHING, WEIGHT_DECAY, s.seed());
            double[] losses = new double[s.steps()];
            for (int i = 0; i < losses.length; i++) {
                losses[i] = step.run(batch(s, i), i, LEARNING_RATE).total();
            }
            Map<String, float[]> variables = new LinkedHashMap<>();
            for (Variable v : model.variables()) {
                variables.put(v.name(), v.value().toFloatArray());
            }
            return new Run(losses, variables);
        }
    }

    /** Step {@code i}'s batch: the same host tensors for every backend. */
    static Batch batch(Settings s, int i) {
        Generator gen = new Generator(s.seed() * 1000 + i);
        Tensor images = Tensor.randomUniform(gen, 0, 255, s.batchSize(), s.imageSize(), s.imageSize(), 3);
        int[] labels = new int[s.batchSize()];
        for (int b = 0; b < labels.length; b++) {
            labels[b] = (int) (gen.nextDouble() * s.numClasses());
        }
        return new Batch(images, Tensor.ofInts(labels, labels.length), List.of());
    }

    /** max |c − r| / max |r| over the variable (|c − r| alone where the reference is all zeros). */
    static double relativeDifference(float[] reference, float[] candidate) {
        double scale = 0;
        double diff = 0;
        for (int i = 0; i < reference.length; i++) {
            scale = Math.max(scale, Math.abs(reference[i]));
            diff = worse(diff, Math.abs((double) candidate[i] - reference[i]));
        }
        return scale == 0 ? diff : diff / scale;
    }

    /** The larger of two differences, where NaN is the worst of all (Math.max would do that too, but say it). */
    private static double worse(double a, double b) {
        return Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : Math.max(a, b);
    }
}

package dev.imgcls.nn.tools;

import dev.imgcls.nn.Mode;
import dev.imgcls.nn.Model;
import dev.imgcls.nn.ModelFactory;
import dev.imgcls.tensor.Autograd;
import dev.imgcls.tensor.Generator;
import dev.imgcls.tensor.MemoryScope;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.ops.LossOps;

import java.util.Arrays;

/**
 * Times a model's forward pass and forward+backward pass on synthetic images: median over
 * repetitions after warm-up. Needs a backend on the class path (imgcls-kernels).
 *
 * <pre>usage: ModelTiming model_type image_size batch [repetitions]</pre>
 */
public final class ModelTiming {
    private ModelTiming() {
    }

    public static void main(String[] args) {
        if (args.length < 3) {
            System.err.println("usage: ModelTiming model_type image_size batch [repetitions]");
            System.exit(2);
        }
        String type = args[0];
        int size = Integer.parseInt(args[1]);
        int batch = Integer.parseInt(args[2]);
        int reps = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        Model model = ModelFactory.create(type, 1000, 1);
        Tensor images = Tensor.randomUniform(new Generator(2), 0, 255, batch, size, size, 3);
        int[] labelValues = new int[batch];
        Arrays.setAll(labelValues, i -> i % 1000);
        Tensor labels = Tensor.ofInts(labelValues, batch);
        Generator noise = new Generator(3);

        double[] forward = new double[reps];
        double[] train = new double[reps];
        for (int r = -1; r < reps; r++) { // r = -1 is the warm-up
            long t0 = System.nanoTime();
            try (MemoryScope s = MemoryScope.open(); Autograd.Scope ng = Autograd.noGrad()) {
                model.forward(images, Mode.EVAL);
            }
            long t1 = System.nanoTime();
            try (MemoryScope s = MemoryScope.open()) {
                LossOps.softmaxCrossEntropyMean(model.forward(images, Mode.train(noise)), labels, 0).backward();
                model.trainableVariables().forEach(v -> v.value().zeroGrad());
            }
            long t2 = System.nanoTime();
            if (r >= 0) {
                forward[r] = (t1 - t0) / 1e9;
                train[r] = (t2 - t1) / 1e9;
            }
        }
        System.out.printf("%s %dx%d batch %d: forward (eval) %.3f s, forward+backward (train) %.3f s, median of %d; %.1f train images/s%n",
                type, size, size, batch, median(forward), median(train), reps, batch / median(train));
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}

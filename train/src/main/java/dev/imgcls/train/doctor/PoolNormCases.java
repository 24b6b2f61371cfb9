package dev.imgcls.train.doctor;

import dev.imgcls.tensor.Shape;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.ops.NormOps;
import dev.imgcls.tensor.ops.NormOps.BatchNormAttrs;
import dev.imgcls.tensor.ops.NormOps.BatchNormGradAttrs;
import dev.imgcls.tensor.ops.Padding;
import dev.imgcls.tensor.ops.PoolOps;
import dev.imgcls.tensor.ops.PoolOps.PoolAttrs;
import dev.imgcls.tensor.ops.PoolOps.PoolGradAttrs;

import java.util.ArrayList;
import java.util.List;

import static dev.imgcls.train.doctor.Draws.affine;
import static dev.imgcls.train.doctor.Draws.normal;
import static dev.imgcls.train.doctor.Draws.uniform;
import static dev.imgcls.train.doctor.Draws.wholeNumbers;

/**
 * Self-check cases of pooling (max, average and their gradients) and batch norm (training,
 * inference, gradient in both modes). Pools: SAME windows that hang over an odd edge and an even
 * one, VALID windows that drop the last row, a non-square window with unequal strides and explicit
 * padding, a global pool, and ties for the max gradient (the first maximum in scan order takes
 * it). Batch norm: NHWC with 13 channels and 105 samples each, a dense [17,33], and 3 samples
 * per channel, on data offset from zero, with ResNet's ε and 1e-3.
 */
final class PoolNormCases {
    private static final int[] X = {3, 9, 11, 13};

    /** One pool: input shape, attrs, label. */
    private record Pool(String label, int[] x, PoolAttrs attrs) {
    }

    private static final List<Pool> POOLS = List.of(
            new Pool("3x3/2 SAME", X, PoolAttrs.of(3, 2, Padding.SAME)),
            new Pool("3x3/2 SAME", new int[] {2, 10, 8, 5}, PoolAttrs.of(3, 2, Padding.SAME)),
            new Pool("2x2/2 VALID", X, PoolAttrs.of(2, 2, Padding.VALID)),
            new Pool("3x2/1,2 pad 1,1,0,1", X, new PoolAttrs(3, 2, 1, 2, Padding.explicit(1, 1, 0, 1))),
            new Pool("global 7x6", new int[] {3, 7, 6, 19}, new PoolAttrs(7, 6, 1, 1, Padding.VALID)));

    private static final int[][] NORM_SHAPES = {{3, 5, 7, 13}, {17, 33}, {3, 1, 1, 5}};

    private PoolNormCases() {
    }

    static List<OpCase<?>> all() {
        List<OpCase<?>> c = new ArrayList<>();
        for (Pool p : POOLS) {
            int[] pooled = p.attrs().geometry(Shape.of(p.x())).outputShape().dims();
            c.add(OpCase.of(PoolOps.MAX_POOL, p.label(), p.attrs(), Tolerances.IEEE, g -> new Tensor[] {normal(g, 1, p.x())}));
            c.add(OpCase.of(PoolOps.AVG_POOL, p.label(), p.attrs(), Tolerances.WINDOW_SUM, g -> new Tensor[] {normal(g, 1, p.x())}));
            c.add(OpCase.of(PoolOps.MAX_POOL_GRAD, p.label(), p.attrs(), Tolerances.WINDOW_SUM, g -> {
                Tensor x = normal(g, 1, p.x());
                return new Tensor[] {x, PoolOps.MAX_POOL.apply1(p.attrs(), x), normal(g, 1, pooled)};
            }));
            c.add(OpCase.of(PoolOps.AVG_POOL_GRAD, p.label(), new PoolGradAttrs(p.attrs(), Shape.of(p.x())), Tolerances.WINDOW_SUM,
                    g -> new Tensor[] {normal(g, 1, pooled)}));
        }
        Pool tied = POOLS.get(0);
        c.add(OpCase.of(PoolOps.MAX_POOL_GRAD, tied.label() + " ties", tied.attrs(), Tolerances.WINDOW_SUM, g -> {
            Tensor x = wholeNumbers(g, 2, tied.x());
            Tensor y = PoolOps.MAX_POOL.apply1(tied.attrs(), x);
            return new Tensor[] {x, y, normal(g, 1, y.dims())};
        }));
        double[] epsilons = {1.001e-5, 1e-3, 1e-3};
        for (int i = 0; i < NORM_SHAPES.length; i++) {
            int[] shape = NORM_SHAPES[i];
            int ch = shape[shape.length - 1];
            BatchNormAttrs a = new BatchNormAttrs(epsilons[i]);
            String eps = "eps " + Tolerance.format(a.epsilon());
            c.add(OpCase.of(NormOps.BATCH_NORM_TRAIN, eps, a, Tolerances.NORM,
                    g -> new Tensor[] {affine(normal(g, 1, shape), 3, 1), uniform(g, 0.5, 2, ch), normal(g, 1, ch)}));
            c.add(OpCase.of(NormOps.BATCH_NORM_INFER, eps, a, Tolerances.NORM,
                    g -> new Tensor[] {affine(normal(g, 1, shape), 3, 1), uniform(g, 0.5, 2, ch), normal(g, 1, ch), normal(g, 1, ch), uniform(g, 0.2, 3, ch)}));
        }
        for (int[] shape : new int[][] {NORM_SHAPES[0], NORM_SHAPES[1]}) {
            int ch = shape[shape.length - 1];
            double perChannel = Math.sqrt(Shape.of(shape).numel() / (double) ch);
            BatchNormGradAttrs training = new BatchNormGradAttrs(1.001e-5, true);
            // Training mode: the statistics are x's own, from batch_norm_train on the host, as a training step passes them.
            c.add(OpCase.of(NormOps.BATCH_NORM_GRAD, "training", training, Tolerances.NORM, g -> {
                Tensor x = affine(normal(g, 1, shape), 3, 1);
                Tensor gamma = uniform(g, 0.5, 2, ch);
                NormOps.TrainOutputs stats = NormOps.batchNormTrain(x, gamma, normal(g, 1, ch), training.epsilon());
                return new Tensor[] {normal(g, 1 / perChannel, shape), x, gamma, stats.mean(), stats.variance()};
            }));
            BatchNormGradAttrs inference = new BatchNormGradAttrs(1e-3, false);
            c.add(OpCase.of(NormOps.BATCH_NORM_GRAD, "inference", inference, Tolerances.NORM,
                    g -> new Tensor[] {normal(g, 1 / perChannel, shape), affine(normal(g, 1, shape), 3, 1), uniform(g, 0.5, 2, ch),
                        normal(g, 1, ch), uniform(g, 0.2, 3, ch)}));
        }
        return c;
    }
}

package dev.imgcls.nn;

import dev.imgcls.nn.layers.BatchNorm;
import dev.imgcls.tensor.Generator;
import dev.imgcls.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Batch norm with statistics summed over replicas ({@code --sync_batch_norm}): each of N replicas
 * holding 1/N of the batch's rows computes what one process computes on the whole batch (output,
 * input gradient, parameter gradients summed, moving statistics), for both variance conventions.
 */
class SynchronizedBatchNormTest {
    private static final int BATCH = 6;
    private static final int HEIGHT = 3;
    private static final int WIDTH = 2;
    private static final int CHANNELS = 5;
    private static final int ROW = HEIGHT * WIDTH * CHANNELS;

    /** Outputs, gradients and moving statistics of one replica's pass. */
    private record Pass(float[] y, float[] dx, float[] dgamma, float[] dbeta, float[] movingMean, float[] movingVariance) {
    }

    @Test
    void twoAndThreeReplicasComputeWhatOneProcessComputesOnTheWholeBatch() throws Exception {
        for (boolean bessel : new boolean[] {false, true}) {
            float[] x = random(1, BATCH * ROW, 3.0, 1.5);
            float[] upstream = random(2, BATCH * ROW, 0, 1);
            Pass whole = pass(bessel, x, upstream, 0, BATCH, null);
            for (int replicas : new int[] {1, 2, 3}) {
                Pass[] parts = replicated(bessel, x, upstream, replicas);
                int rows = BATCH / replicas;
                float[] dgamma = new float[CHANNELS];
                float[] dbeta = new float[CHANNELS];
                for (int r = 0; r < replicas; r++) {
                    String what = replicas + " replicas, replica " + r + ", bessel " + bessel;
                    assertClose(Arrays.copyOfRange(whole.y(), r * rows * ROW, (r + 1) * rows * ROW), parts[r].y(), 2e-5, "y, " + what);
                    assertClose(Arrays.copyOfRange(whole.dx(), r * rows * ROW, (r + 1) * rows * ROW), parts[r].dx(), 2e-5, "dx, " + what);
                    assertClose(whole.movingMean(), parts[r].movingMean(), 2e-6, "moving mean, " + what);
                    assertClose(whole.movingVariance(), parts[r].movingVariance(), 2e-6, "moving variance, " + what);
                    for (int c = 0; c < CHANNELS; c++) {
                        dgamma[c] += parts[r].dgamma()[c];
                        dbeta[c] += parts[r].dbeta()[c];
                    }
                }
                assertClose(whole.dgamma(), dgamma, 2e-5, "dgamma summed over " + replicas + " replicas");
                assertClose(whole.dbeta(), dbeta, 2e-5, "dbeta summed over " + replicas + " replicas");
            }
        }
    }

    private static Pass[] replicated(boolean bessel, float[] x, float[] upstream, int replicas) throws Exception {
        ThreadReplicas group = new ThreadReplicas(replicas);
        ExecutorService pool = Executors.newFixedThreadPool(replicas);
        try {
            List<Future<Pass>> futures = new ArrayList<>();
            int rows = BATCH / replicas;
            for (int r = 0; r < replicas; r++) {
                int first = r * rows;
                futures.add(pool.submit(() -> pass(bessel, x, upstream, first, rows, group)));
            }
            Pass[] passes = new Pass[replicas];
            for (int r = 0; r < replicas; r++) {
                passes[r] = futures.get(r).get(60, TimeUnit.SECONDS);
            }
            return passes;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Forward of rows [first, first + rows) and backward of Σ y·upstream; null group = the fused one-process path. */
    private static Pass pass(boolean bessel, float[] x, float[] upstream, int first, int rows, CrossReplicaSum group) {
        VariableStore store = new VariableStore();
        BatchNorm bn = new BatchNorm(store, new BatchNorm.Config("batch_normalization", 0.9, 1e-3, bessel), CHANNELS, false);
        store.all().get(0).assign(Tensor.of(random(3, CHANNELS, 1, 0.3), CHANNELS));
        store.all().get(1).assign(Tensor.of(random(4, CHANNELS, 0, 0.3), CHANNELS));
        Tensor gamma = store.all().get(0).value().requiresGrad(true);
        Tensor beta = store.all().get(1).value().requiresGrad(true);
        Tensor input = Tensor.of(Arrays.copyOfRange(x, first * ROW, (first + rows) * ROW), rows, HEIGHT, WIDTH, CHANNELS).requiresGrad(true);
        Mode mode = Mode.trainWithoutDropout();
        Tensor y = bn.forward(input, group == null ? mode : mode.withSynchronizedBatchStatistics(group));
        Tensor seed = Tensor.of(Arrays.copyOfRange(upstream, first * ROW, (first + rows) * ROW), rows, HEIGHT, WIDTH, CHANNELS);
        y.mul(seed).sum().backward();
        return new Pass(y.toFloatArray(), input.grad().toFloatArray(), gamma.grad().toFloatArray(), beta.grad().toFloatArray(),
                store.all().get(2).value().toFloatArray(), store.all().get(3).value().toFloatArray());
    }

    /** Replicas as threads meeting at a barrier: each adds its array into a shared total, then reads the total. */
    private static final class ThreadReplicas implements CrossReplicaSum {
        private final int replicas;
        private final CyclicBarrier barrier;
        private float[] total;

        ThreadReplicas(int replicas) {
            this.replicas = replicas;
            this.barrier = new CyclicBarrier(replicas);
        }

        @Override
        public int replicas() {
            return replicas;
        }

        @Override
        public void sumInPlace(float[] values) {
            try {
                synchronized (this) {
                    if (total == null) {
                        total = new float[values.length];
                    }
                    for (int i = 0; i < values.length; i++) {
                        total[i] += values[i];
                    }
                }
                barrier.await(30, TimeUnit.SECONDS);
                System.arraycopy(total, 0, values, 0, values.length);
                barrier.await(30, TimeUnit.SECONDS);
                synchronized (this) {
                    total = null;
                }
                barrier.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                throw new IllegalStateException("replicas did not meet", e);
            }
        }
    }

    private static float[] random(long seed, int n, double mean, double std) {
        return Tensor.randomNormal(new Generator(seed), mean, std, n).toFloatArray();
    }

    private static void assertClose(float[] expected, float[] actual, double tolerance, String what) {
        assertTrue(expected.length == actual.length, what + ": length " + actual.length + " != " + expected.length);
        for (int i = 0; i < expected.length; i++) {
            double scale = Math.max(1, Math.abs(expected[i]));
            assertTrue(Math.abs(expected[i] - actual[i]) <= tolerance * scale,
                    what + ": element " + i + " is " + actual[i] + ", expected " + expected[i]);
        }
    }
}

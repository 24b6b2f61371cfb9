package dev.imgcls.train.loop;

import dev.imgcls.data.pipeline.PipelineConfig;
import dev.imgcls.dist.Collective;
import dev.imgcls.dist.SingleProcess;
import dev.imgcls.nn.CrossReplicaSum;
import dev.imgcls.nn.Mode;
import dev.imgcls.nn.Model;
import dev.imgcls.nn.Variable;
import dev.imgcls.nn.optim.Optimizer;
import dev.imgcls.nn.optim.WeightAverage;
import dev.imgcls.tensor.DType;
import dev.imgcls.tensor.Generator;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.spi.HostStorage;
import dev.imgcls.tensor.spi.TensorAccess;
import dev.imgcls.train.cli.ArgumentException;
import dev.imgcls.train.cli.DataSharding;
import dev.imgcls.train.cli.TrainingConfig;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The trainer's side of synchronous data parallelism over a {@link Collective}: each of N ranks
 * trains on batch/N images of every global batch, the weights and step start equal (broadcast
 * from rank 0), the gradients are averaged after every backward pass so every rank applies the
 * same update, and evaluation counts are summed. With one rank every method leaves things as they
 * are, so a one-process job computes exactly what it computed before data parallelism existed.
 */
final class DataParallel {
    /** Floats per all-reduce buffer: 64 MiB, few calls for big models without doubling their memory. */
    static final int BUFFER_FLOATS = 16 << 20;

    private final Collective collective;
    private final DataSharding sharding;
    private final boolean syncBatchNorm;
    private final CrossReplicaSum batchStatisticsSum = new BatchStatisticsSum();
    private final int rank;
    private final int size;
    /** Where {@link #averageInPlace} packs small arrays; kept between steps (up to 64 MiB) instead of allocated per step. */
    private float[] packing = new float[0];
    /** Time spent in the training steps' all-reduce calls (gradients, losses, batch statistics), for the job's summary line. */
    private long allReduceNanos;

    private DataParallel(Collective collective, DataSharding sharding, boolean syncBatchNorm) {
        this.collective = collective;
        this.sharding = sharding;
        this.syncBatchNorm = syncBatchNorm;
        this.rank = collective.rank();
        this.size = collective.size();
    }

    /**
     * The job's data parallelism, after checking that its arguments can be split among the ranks.
     *
     * @throws ArgumentException naming the numbers when the batch does not divide among the ranks
     */
    static DataParallel of(TrainingConfig config, Collective collective) {
        int n = collective.size();
        List<String> problems = new ArrayList<>();
        if (n > 1 && config.trainBatchSize() % n != 0) {
            int lower = config.trainBatchSize() / n * n;
            problems.add("--train_batch_size=" + config.trainBatchSize() + " cannot be split among " + n + " ranks: each rank takes "
                    + "train_batch_size / " + n + " images of every training and evaluation batch, so it must be a multiple of " + n
                    + " (e.g. " + (lower > 0 ? lower + " or " : "") + (lower + n) + ")");
        }
        if (n > 1 && config.skipBadImages()) {
            problems.add("--skip_bad_images cannot be used with " + n + " ranks: a skipped image would shift the rows of every rank's "
                    + "slice of the batch; clean the data (imgcls inspect finds the bad records) or run one process");
        }
        if (!problems.isEmpty()) {
            throw new ArgumentException(problems);
        }
        return new DataParallel(collective, config.dataSharding(), config.syncBatchNorm());
    }

    /** One process: nothing is split or shared. */
    static DataParallel single() {
        return new DataParallel(SingleProcess.INSTANCE, DataSharding.FILES, false);
    }

    boolean distributed() {
        return size > 1;
    }

    boolean chief() {
        return collective.isChief();
    }

    int rank() {
        return rank;
    }

    int size() {
        return size;
    }

    /** Refuses what the trainer cannot yet run on several ranks, before any rank has built a model. */
    void checkSupported(boolean gpu, int trainingFiles) {
        if (!distributed()) {
            return;
        }
        List<String> problems = new ArrayList<>();
        if (gpu) {
            problems.add("--device: the trainer averages gradients between ranks in host memory; with " + size
                    + " ranks train on the CPU (--device=cpu)");
        }
        if (sharding == DataSharding.FILES && trainingFiles < size) {
            problems.add("--data_sharding=files gives each of " + size + " ranks its own training files, but --training_data_path "
                    + "matches " + trainingFiles + "; split the data into more files or use --data_sharding=batches");
        }
        if (!problems.isEmpty()) {
            throw new ArgumentException(problems);
        }
    }

    /** The batch size of this rank's training pipeline: its own batches of batch/N with files, the global batch it slices with batches. */
    int trainingPipelineBatch(int globalBatch) {
        return distributed() && sharding == DataSharding.FILES ? globalBatch / size : globalBatch;
    }

    /** This rank's training input: its share of the files or its slice of every batch. */
    PipelineConfig.Builder training(PipelineConfig.Builder builder) {
        if (!distributed()) {
            return builder;
        }
        return sharding == DataSharding.BATCHES ? builder.batchSlice(rank, size) : builder.fileShard(rank, size);
    }

    /** This rank's evaluation input: its slice of every validation batch, so the ranks together see what one process sees. */
    PipelineConfig.Builder evaluation(PipelineConfig.Builder builder) {
        return distributed() ? builder.batchSlice(rank, size) : builder;
    }

    /**
     * The forward mode of a training step: dropout drawn from this rank's rows of the step's
     * stream, and with {@code --sync_batch_norm} batch statistics summed over the ranks. The flag
     * takes the synchronized path on one process too (its sum is the identity), so a one-process
     * run computes what N ranks compute, up to the order of floating-point sums.
     */
    Mode trainingMode(Generator step) {
        Mode mode = Mode.train(distributed() ? step.forBatchSlice(rank, size) : step);
        return syncBatchNorm ? mode.withSynchronizedBatchStatistics(batchStatisticsSum) : mode;
    }

    /** Batch norm's cross-rank sums, through the same timed all-reduce as the gradients. */
    private final class BatchStatisticsSum implements CrossReplicaSum {
        @Override
        public int replicas() {
            return size;
        }

        @Override
        public void sumInPlace(float[] values) {
            allReduce(values, values.length);
        }
    }

    /**
     * Makes every rank start from rank 0's state: the step, seed and optimizer counter, every model
     * variable (moving statistics included), every optimizer tensor and every moving-average shadow.
     *
     * @return rank 0's {@code {step, seed}}
     */
    long[] broadcastState(Model model, Optimizer optimizer, WeightAverage average, long step, long seed) {
        if (!distributed()) {
            return new long[] {step, seed};
        }
        long[] counters = {step, seed, optimizer.iterations()};
        collective.broadcast(counters, 0);
        for (Variable v : model.variables()) {
            v.assign(broadcast(v.name(), v.value()));
        }
        Map<String, Tensor> state = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : optimizer.state().entrySet()) {
            state.put(e.getKey(), broadcast(e.getKey(), e.getValue()));
        }
        optimizer.restore(state);
        optimizer.setIterations(counters[2]);
        Map<String, Tensor> shadows = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : average.state().entrySet()) {
            shadows.put(e.getKey(), broadcast(e.getKey(), e.getValue()));
        }
        average.restore(shadows);
        return new long[] {counters[0], counters[1]};
    }

    private Tensor broadcast(String name, Tensor value) {
        if (value.dtype() != DType.FLOAT32) {
            throw new IllegalStateException("cannot broadcast " + name + ": it is " + value.dtype() + ", only FLOAT32 state is shared");
        }
        float[] data = value.toFloatArray();
        collective.broadcast(data, 0, data.length, 0);
        return Tensor.of(data, value.dims());
    }

    /**
     * Replaces each variable's gradient by its average over the ranks, and returns the average of
     * {@code extras} (the step's losses, reduced with the gradients). Each rank's loss is the mean
     * over its batch/N rows, so the average of the ranks' gradients is the gradient of the global
     * batch's mean loss. Variables without a gradient have none on any rank (same graph).
     */
    double[] averageGradients(List<Variable> variables, double... extras) {
        List<float[]> arrays = new ArrayList<>();
        for (Variable v : variables) {
            Tensor g = v.grad();
            if (g == null) {
                continue;
            }
            HostStorage h = TensorAccess.host(g);
            if (h.dtype() != DType.FLOAT32) {
                throw new IllegalStateException("gradient of " + v.name() + " is " + h.dtype() + ", not FLOAT32");
            }
            arrays.add(h.floats());
        }
        float[] packedExtras = new float[extras.length];
        for (int i = 0; i < extras.length; i++) {
            packedExtras[i] = (float) extras[i];
        }
        arrays.add(packedExtras);
        averageInPlace(arrays);
        double[] averaged = new double[extras.length];
        for (int i = 0; i < extras.length; i++) {
            averaged[i] = packedExtras[i];
        }
        return averaged;
    }

    /**
     * Replaces the moving statistics (batch norm's moving mean and variance, the non-trainable
     * variables) by their average over the ranks, so every rank keeps the same model: each rank
     * folded its own batch/N rows' statistics in. For the mean this is what the global batch gives;
     * the variance average leaves out the spread between the ranks' means (per-rank batch norm).
     * With {@code --sync_batch_norm} they are equal on every rank already and stay as they are.
     */
    void averageMovingStatistics(List<Variable> variables) {
        if (syncBatchNorm) {
            return; // every rank folded in the same global statistics
        }
        List<Variable> moving = variables.stream().filter(v -> !v.trainable()).toList();
        List<float[]> values = new ArrayList<>();
        for (Variable v : moving) {
            values.add(v.value().toFloatArray());
        }
        averageInPlace(values);
        for (int i = 0; i < moving.size(); i++) {
            moving.get(i).assign(Tensor.of(values.get(i), moving.get(i).value().dims()));
        }
    }

    /**
     * Replaces every array by its average over the ranks. Arrays of at most {@link #BUFFER_FLOATS}
     * floats are packed together into one reused buffer, so a model's hundreds of small tensors take
     * a few collective calls; larger ones go alone.
     */
    private void averageInPlace(List<float[]> arrays) {
        List<float[]> pending = new ArrayList<>();
        int used = 0;
        for (float[] a : arrays) {
            if (a.length > BUFFER_FLOATS) {
                average(a, a.length);
                continue;
            }
            if (used + a.length > BUFFER_FLOATS) {
                flush(pending, used);
                used = 0;
            }
            if (used + a.length > packing.length) {
                packing = Arrays.copyOf(packing, Math.min(BUFFER_FLOATS, Math.max(used + a.length, 2 * packing.length)));
            }
            System.arraycopy(a, 0, packing, used, a.length);
            pending.add(a);
            used += a.length;
        }
        flush(pending, used);
    }

    /** Averages packing[0, used) over the ranks and copies the arrays packed there back; empties {@code pending}. */
    private void flush(List<float[]> pending, int used) {
        if (used == 0) {
            return;
        }
        average(packing, used);
        int at = 0;
        for (float[] a : pending) {
            System.arraycopy(packing, at, a, 0, a.length);
            at += a.length;
        }
        pending.clear();
    }

    private void average(float[] data, int length) {
        allReduce(data, length);
        float n = size;
        for (int i = 0; i < length; i++) {
            data[i] /= n;
        }
    }

    private void allReduce(float[] data, int length) {
        long start = System.nanoTime();
        collective.allReduceSum(data, 0, length);
        allReduceNanos += System.nanoTime() - start;
    }

    /**
     * One line on how much of the training steps' time went into all-reduce, including the wait for
     * the slowest rank (so a rank with less work shows the others' extra time here); null on one process.
     */
    String communicationSummary(long stepNanos) {
        if (!distributed() || stepNanos <= 0) {
            return null;
        }
        return String.format(Locale.ROOT, "rank %d of %d: all-reduce took %.1f s of %.1f s in training steps (%.0f%%)",
                rank, size, allReduceNanos / 1e9, stepNanos / 1e9, 100.0 * allReduceNanos / stepNanos);
    }

    /** Whether any rank asked to stop (a signal reaches one process): all ranks stop after the same step. */
    boolean anyStop(boolean stopHere) {
        if (!distributed()) {
            return stopHere;
        }
        long[] flag = {stopHere ? 1 : 0};
        collective.allReduceSum(flag);
        return flag[0] > 0;
    }

    /** Sums evaluation counts over the ranks, in place. */
    void sumCounts(long[] counts) {
        if (distributed()) {
            collective.allReduceSum(counts);
        }
    }

    /** The sum over the ranks of a per-rank double, exactly and in rank order (its bits travel as longs). */
    double sum(double mine) {
        if (!distributed()) {
            return mine;
        }
        long[] bits = new long[size];
        bits[rank] = Double.doubleToRawLongBits(mine);
        collective.allReduceSum(bits);
        double total = 0;
        for (long b : bits) {
            total += Double.longBitsToDouble(b);
        }
        return total;
    }
}

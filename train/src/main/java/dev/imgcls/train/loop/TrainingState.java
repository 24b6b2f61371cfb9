package dev.imgcls.train.loop;

import dev.imgcls.data.preprocess.CropSettings;
import dev.imgcls.export.checkpoint.BundleReader;
import dev.imgcls.export.checkpoint.CheckpointValue;
import dev.imgcls.nn.Model;
import dev.imgcls.nn.Variable;
import dev.imgcls.nn.optim.Optimizer;
import dev.imgcls.nn.optim.WeightAverage;
import dev.imgcls.tensor.DType;
import dev.imgcls.tensor.Device;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.train.cli.ArgumentException;
import dev.imgcls.train.cli.TrainingConfig;
import dev.imgcls.train.events.TrainingEvents;
import dev.imgcls.train.metrics.MetricsSnapshot;

import java.io.IOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What a checkpoint holds and how a job gets it back. Besides the model variables (moving
 * batch-norm statistics included) under the reference names, the optimizer slots under TF's slot
 * names, the moving average's shadows under {@code <variable>/ExponentialMovingAverage} (when the
 * job averages its weights) and {@code global_step} (int64 scalar, as TF's), a checkpoint carries
 * the rest of the job's state under {@code imgcls/}:
 * <ul>
 * <li>{@code imgcls/seed}: the seed of the data order, the crops and flips and dropout. Every random
 *     stream of the job is a function of (seed, step), so with the step it is the whole RNG state;
 *     a resumed job uses it even if {@code --seed} was changed, so that it continues the same run.
 * <li>{@code imgcls/image_size}: the job's {@code --image_size}. The batch-norm statistics and
 *     the weights are tuned to it, so a resumed job must keep it; checkpoints written before it was
 *     recorded lack it, and then nothing is checked.
 * <li>{@code imgcls/eval_crop_padding} (int64) and {@code imgcls/min_crop_area} (float32, as the
 *     crop sampler uses it): the job's {@code --eval_crop_padding} and {@code --min_crop_area}, so
 *     that a resumed job trains, evaluates and exports with the crops it started with; a checkpoint
 *     without them was written before they could be changed, with the reference's.
 * <li>{@code imgcls/best/global_step} and {@code imgcls/best/<metric>} (float64): the best
 *     evaluation so far, so a resumed job replaces {@code model/} only with a better model.
 * </ul>
 * The training input pipeline needs no position of its own: it is the same endless stream for a
 * seed, and a resumed job skips the {@code global_step × batch} examples already trained on
 * ({@link TrainingInput}).
 */
public final class TrainingState {
    public static final String GLOBAL_STEP = "global_step";
    public static final String SEED = "imgcls/seed";
    public static final String IMAGE_SIZE = "imgcls/image_size";
    public static final String EVAL_CROP_PADDING = "imgcls/eval_crop_padding";
    public static final String MIN_CROP_AREA = "imgcls/min_crop_area";
    static final String BEST_PREFIX = "imgcls/best/";
    static final String BEST_STEP = BEST_PREFIX + "global_step";
    private static final List<String> METRICS = List.of(TrainingEvents.LOSS, TrainingEvents.TOP_1_ACCURACY, TrainingEvents.TOP_5_ACCURACY);

    private TrainingState() {
    }

    /**
     * A restored job: where it stands.
     *
     * @param imageSize the job's --image_size, or 0 for a checkpoint that does not record it
     * @param crop the job's crops ({@link CropSettings#REFERENCE} for a checkpoint that does not record them)
     * @param averageRestored whether the moving average's shadows came from the checkpoint (false when the job averages
     *                        nothing, or the checkpoint has no shadows and they restart from the restored weights)
     */
    public record Restored(long globalStep, long seed, MetricsSnapshot best, int imageSize, CropSettings crop,
                           boolean averageRestored) {
    }

    /**
     * The tensors of a checkpoint at {@code globalStep}, in the order written, on the host (a GPU
     * job's variables and slots are copied back here; on the CPU they are the live tensors).
     */
    static Map<String, CheckpointValue> capture(Model model, Optimizer optimizer, WeightAverage average, long globalStep, long seed,
                                                int imageSize, CropSettings crop, MetricsSnapshot best) {
        Map<String, CheckpointValue> values = new LinkedHashMap<>();
        for (Variable v : model.variables()) {
            values.put(v.name(), CheckpointValue.of(v.value().toDevice(Device.CPU)));
        }
        optimizer.state().forEach((name, tensor) -> values.put(name, CheckpointValue.of(tensor.toDevice(Device.CPU))));
        average.state().forEach((name, tensor) -> values.put(name, CheckpointValue.of(tensor.toDevice(Device.CPU))));
        values.put(GLOBAL_STEP, CheckpointValue.of(Tensor.scalar(DType.INT64, globalStep)));
        values.put(SEED, CheckpointValue.of(Tensor.scalar(DType.INT64, seed)));
        values.put(IMAGE_SIZE, CheckpointValue.of(Tensor.scalar(DType.INT64, imageSize)));
        values.put(EVAL_CROP_PADDING, CheckpointValue.of(Tensor.scalar(DType.INT64, crop.evalCropPadding())));
        values.put(MIN_CROP_AREA, CheckpointValue.of(Tensor.scalar(crop.minCropArea())));
        if (best != null) {
            values.put(BEST_STEP, CheckpointValue.of(Tensor.scalar(DType.INT64, best.globalStep())));
            for (String metric : METRICS) {
                Double value = best.values().get(metric);
                if (value != null) {
                    values.put(BEST_PREFIX + metric, CheckpointValue.of(Tensor.scalar(DType.FLOAT64, value)));
                }
            }
        }
        return values;
    }

    /**
     * Loads a checkpoint written by {@link #capture} into the model, the optimizer and the moving
     * average (the values are copied to the device the variables, slots and shadows are on). A
     * checkpoint without shadows (written with the average off) restarts them from the restored
     * weights; a checkpoint's shadows are ignored when the average is off.
     *
     * @throws IOException naming the checkpoint and the variable when it does not fit the model
     *         (another model_type or num_classes) or lacks the job state
     */
    static Restored restore(String prefix, Model model, Optimizer optimizer, WeightAverage average) throws IOException {
        Map<String, Tensor> tensors = read(prefix, name -> true);
        assignVariables(prefix, model, tensors);
        try {
            optimizer.restore(tensors);
        } catch (IllegalArgumentException e) {
            throw new IOException("checkpoint " + prefix + " does not fit the optimizer: " + e.getMessage(), e);
        }
        boolean averageRestored;
        try {
            averageRestored = average.restore(tensors);
        } catch (IllegalArgumentException e) {
            throw new IOException("checkpoint " + prefix + " does not fit the moving average: " + e.getMessage(), e);
        }
        Restored restored = restored(prefix, tensors, averageRestored);
        optimizer.setIterations(restored.globalStep());
        return restored;
    }

    /**
     * Loads only the model variables of a checkpoint (not the optimizer slots: an evaluation needs
     * none), and where the job stood. With {@code averaged}, a variable's
     * {@code /ExponentialMovingAverage} shadow is loaded in its place when the checkpoint has one,
     * so the evaluation sees what the job's own evaluation sees.
     *
     * @throws IOException as {@link #restore}
     */
    static Restored restoreModel(String prefix, Model model, boolean averaged) throws IOException {
        Set<String> wanted = new HashSet<>(List.of(GLOBAL_STEP, SEED, IMAGE_SIZE, EVAL_CROP_PADDING, MIN_CROP_AREA));
        model.variables().forEach(v -> wanted.add(v.name()));
        if (averaged) {
            model.variables().forEach(v -> wanted.add(WeightAverage.shadowName(v.name())));
        }
        Map<String, Tensor> tensors = read(prefix, name -> wanted.contains(name) || name.startsWith(BEST_PREFIX));
        boolean shadows = averaged && model.variables().stream().allMatch(v -> tensors.containsKey(WeightAverage.shadowName(v.name())));
        if (shadows) {
            model.variables().forEach(v -> tensors.put(v.name(), tensors.get(WeightAverage.shadowName(v.name()))));
        }
        assignVariables(prefix, model, tensors);
        return restored(prefix, tensors, shadows);
    }

    private static Map<String, Tensor> read(String prefix, Predicate<String> wanted) throws IOException {
        Map<String, CheckpointValue> values = BundleReader.open(prefix).readAll(wanted);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            if (value instanceof CheckpointValue.Numeric numeric) {
                tensors.put(name, numeric.tensor());
            }
        });
        return tensors;
    }

    private static void assignVariables(String prefix, Model model, Map<String, Tensor> tensors) throws IOException {
        for (Variable v : model.variables()) {
            Tensor saved = tensors.get(v.name());
            if (saved == null) {
                throw new IOException("checkpoint " + prefix + " has no variable " + v.name() + ": it was not written by a "
                        + model.modelType() + " job; use a new --job-dir or the same --model_type as the job that wrote it");
            }
            if (!saved.shape().equals(v.shape()) || saved.dtype() != v.value().dtype()) {
                throw new IOException("checkpoint " + prefix + " holds " + v.name() + " as " + saved.dtype() + saved.shape()
                        + ", the model needs " + v.value().dtype() + v.shape() + " (was --num_classes or --model_type changed?)");
            }
            v.assign(saved);
        }
    }

    private static Restored restored(String prefix, Map<String, Tensor> tensors, boolean averageRestored) throws IOException {
        long step = scalarLong(tensors, GLOBAL_STEP, prefix);
        long seed = scalarLong(tensors, SEED, prefix);
        Tensor imageSize = tensors.get(IMAGE_SIZE);
        return new Restored(step, seed, best(tensors), imageSize == null ? 0 : (int) scalarLong(tensors, IMAGE_SIZE, prefix),
                crop(tensors, prefix), averageRestored);
    }

    private static CropSettings crop(Map<String, Tensor> tensors, String prefix) throws IOException {
        Tensor padding = tensors.get(EVAL_CROP_PADDING);
        Tensor area = tensors.get(MIN_CROP_AREA);
        if (padding == null && area == null) {
            return CropSettings.REFERENCE;
        }
        if (padding == null || area == null || area.numel() != 1) {
            throw new IOException("checkpoint " + prefix + " records only one of " + EVAL_CROP_PADDING + " and " + MIN_CROP_AREA
                    + "; it was not written by this trainer");
        }
        try {
            return new CropSettings((int) scalarLong(tensors, EVAL_CROP_PADDING, prefix), (float) area.item());
        } catch (IllegalArgumentException e) {
            throw new IOException("checkpoint " + prefix + " records invalid crop settings: " + e.getMessage(), e);
        }
    }

    /**
     * Stops a resume with other crops than the job was trained with: its weights were trained on
     * those crops, and a model exported later must serve with them.
     */
    static void checkCropSettings(Restored restored, TrainingConfig config) {
        if (!restored.crop().equals(config.cropSettings())) {
            throw new ArgumentException(List.of(config.jobDir() + " was trained with " + flags(restored.crop())
                    + "; resume with the same values or use a new --job-dir"));
        }
    }

    /** The crop flags as a command line gives them. */
    static String flags(CropSettings crop) {
        return "--eval_crop_padding=" + crop.evalCropPadding() + " --min_crop_area=" + crop.minCropArea();
    }

    /**
     * Stops a resume with another --image_size than the job was trained with (a checkpoint that
     * does not record it passes).
     */
    static void checkImageSize(Restored restored, TrainingConfig config) {
        if (restored.imageSize() != 0 && restored.imageSize() != config.imageSize()) {
            throw new ArgumentException(List.of(config.jobDir() + " was trained with --image_size=" + restored.imageSize()
                    + "; resume with the same value or use a new --job-dir"));
        }
    }

    private static MetricsSnapshot best(Map<String, Tensor> tensors) {
        Tensor step = tensors.get(BEST_STEP);
        if (step == null) {
            return null;
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (String metric : METRICS) {
            Tensor t = tensors.get(BEST_PREFIX + metric);
            if (t != null) {
                metrics.put(metric, t.item());
            }
        }
        return new MetricsSnapshot((long) step.item(), metrics);
    }

    private static long scalarLong(Map<String, Tensor> tensors, String name, String prefix) throws IOException {
        Tensor t = tensors.get(name);
        if (t == null || t.numel() != 1) {
            throw new IOException("checkpoint " + prefix + " has no " + name + " scalar; it was not written by this trainer");
        }
        return t.dtype() == DType.INT64 ? t.toLongArray()[0] : (long) t.item();
    }
}

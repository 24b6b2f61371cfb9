package dev.imgcls.nn;

import dev.imgcls.tensor.Device;
import dev.imgcls.tensor.Tensor;

import java.util.List;

/**
 * An image classifier: NHWC float images with pixel values in [0, 255] in, logits
 * {@code [N, numClasses]} out. Input normalisation by the reference mean and standard deviation
 * happens inside {@link #forward}, so every caller (training, evaluation, export) feeds raw pixels.
 */
public abstract class Model {
    /** ImageNet RGB mean and standard deviation ×255, as the reference models normalise. */
    public static final float[] MEAN_RGB = {0.485f * 255, 0.456f * 255, 0.406f * 255};
    public static final float[] STDDEV_RGB = {0.229f * 255, 0.224f * 255, 0.225f * 255};

    private final String modelType;
    private final int numClasses;
    protected final VariableStore store = new VariableStore();
    private final InputNormalization normalization = new InputNormalization(MEAN_RGB, STDDEV_RGB);

    protected Model(String modelType, int numClasses) {
        if (numClasses < 1) {
            throw new IllegalArgumentException("num_classes must be at least 1, got " + numClasses);
        }
        this.modelType = modelType;
        this.numClasses = numClasses;
    }

    public String modelType() {
        return modelType;
    }

    public int numClasses() {
        return numClasses;
    }

    /** Logits for a batch of images {@code [N, H, W, 3]} in [0, 255], on the device of the model's variables. */
    public final Tensor forward(Tensor images, Mode mode) {
        if (images.rank() != 4 || images.dim(3) != 3) {
            throw new IllegalArgumentException(modelType + " expects NHWC RGB images [N, H, W, 3], got " + images.shape());
        }
        return logits(normalization.apply(images), mode);
    }

    /** The network on normalised input. */
    protected abstract Tensor logits(Tensor normalized, Mode mode);

    /**
     * Moves every variable (trainable ones and moving statistics) to {@code device}; a no-op for
     * variables already there. Create the optimizer after this, so its slots are made there too.
     */
    public void moveTo(Device device) {
        for (Variable v : variables()) {
            v.moveTo(device);
        }
    }

    /** Where the variables are (they move together, by {@link #moveTo}). */
    public Device device() {
        return variables().get(0).device();
    }

    /** Every variable, in creation order (TF's order), named as TF's reference checkpoints. */
    public List<Variable> variables() {
        return store.all();
    }

    public List<Variable> trainableVariables() {
        return variables().stream().filter(Variable::trainable).toList();
    }

    public Variable variable(String name) {
        for (Variable v : variables()) {
            if (v.name().equals(name)) {
                return v;
            }
        }
        throw new IllegalArgumentException(modelType + " has no variable " + name);
    }

    public long trainableParameterCount() {
        long n = 0;
        for (Variable v : trainableVariables()) {
            n += v.shape().numel();
        }
        return n;
    }

    /** One line per variable: name, shape, trainable, weight decay. */
    public String describeVariables() {
        StringBuilder sb = new StringBuilder();
        for (Variable v : variables()) {
            sb.append(String.format("%-70s %-20s %s%s%n", v.name(), v.shape(), v.trainable() ? "trainable" : "moving",
                    v.weightDecay() ? " decay" : ""));
        }
        sb.append("trainable parameters: ").append(trainableParameterCount()).append('\n');
        return sb.toString();
    }
}

package dev.imgcls.nn.optim;

import dev.imgcls.nn.Variable;
import dev.imgcls.tensor.DType;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.ops.OptimizerOps;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * TF1 {@code AdamOptimizer} ({@code ApplyAdam}): {@code m ← m + (g − m)(1 − β1)},
 * {@code v ← v + (g² − v)(1 − β2)}, {@code w ← w − lr_t·m/(√v + ε)} with
 * {@code lr_t = lr·√(1 − β2^t)/(1 − β1^t)} (ε outside the square root: TF's "epsilon hat").
 * Slots {@code <var>/Adam} (m) and {@code <var>/Adam_1} (v) start at 0; the non-slot variables
 * {@code beta1_power} and {@code beta2_power} start at β1 and β2 and are multiplied by them after
 * every step, in float32 as TF keeps them, so {@code β^t} is exactly TF's value at step t.
 */
public final class AdamOptimizer extends Optimizer {
    public static final String BETA1_POWER = "beta1_power";
    public static final String BETA2_POWER = "beta2_power";
    private static final int M = 0;
    private static final int V = 1;

    private final AdamSettings settings;
    private float beta1Power;
    private float beta2Power;
    private double stepRate;

    AdamOptimizer(AdamSettings settings, List<Variable> variables) {
        super("Adam", variables);
        this.settings = settings;
        this.beta1Power = (float) settings.beta1();
        this.beta2Power = (float) settings.beta2();
        for (Variable v : variables()) {
            createSlot(v, M, 0.0);
            createSlot(v, V, 0.0);
        }
    }

    public AdamSettings settings() {
        return settings;
    }

    @Override
    protected void beginStep(double learningRate) {
        // TF computes the corrected rate in the variable's dtype from float32 powers.
        float lr = (float) learningRate;
        stepRate = lr * (float) Math.sqrt(1f - beta2Power) / (1f - beta1Power);
    }

    @Override
    protected Tensor update(Variable variable, Tensor w, Tensor g, double learningRate) {
        // One fused pass (OptimizerOps.APPLY_ADAM) with the float rounding of the elementwise form.
        Tensor[] updated = OptimizerOps.applyAdam(w, slot(variable, M), slot(variable, V), g, stepRate, settings.beta1(),
                settings.beta2(), settings.epsilon());
        setSlot(variable, M, updated[1]);
        setSlot(variable, V, updated[2]);
        return updated[0];
    }

    @Override
    protected void endStep() {
        // A product of two floats is exact in double, so this is float32 multiplication.
        beta1Power = (float) ((double) beta1Power * (float) settings.beta1());
        beta2Power = (float) ((double) beta2Power * (float) settings.beta2());
    }

    /** β1^t after t steps, as TF's {@code beta1_power} holds it (float32). */
    public float beta1Power() {
        return beta1Power;
    }

    public float beta2Power() {
        return beta2Power;
    }

    @Override
    protected Map<String, Tensor> nonSlotState() {
        Map<String, Tensor> state = new LinkedHashMap<>();
        state.put(BETA1_POWER, Tensor.scalar(DType.FLOAT32, beta1Power));
        state.put(BETA2_POWER, Tensor.scalar(DType.FLOAT32, beta2Power));
        return state;
    }

    @Override
    protected void restoreNonSlot(Map<String, Tensor> checkpoint) {
        float b1 = power(checkpoint, BETA1_POWER);
        float b2 = power(checkpoint, BETA2_POWER);
        beta1Power = b1;
        beta2Power = b2;
    }

    private static float power(Map<String, Tensor> checkpoint, String key) {
        Tensor t = checkpoint.get(key);
        if (t.numel() != 1 || !t.dtype().isFloating()) {
            throw new IllegalArgumentException("checkpoint tensor " + key + " must be a float scalar, got " + t.dtype() + t.shape());
        }
        double value = t.item();
        if (!(value > 0 && value < 1)) {
            throw new IllegalArgumentException("checkpoint tensor " + key + " must be in (0, 1), got " + value);
        }
        return (float) value;
    }

    @Override
    protected String typeName() {
        return OptimizerType.ADAM.id();
    }
}

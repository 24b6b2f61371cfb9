package dev.imgcls.nn.optim;

import dev.imgcls.nn.Variable;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.ops.OptimizerOps;

import java.util.List;

/**
 * TF1 {@code RMSPropOptimizer} ({@code ApplyRMSProp} / {@code ApplyCenteredRMSProp}):
 * {@code ms ← ms + (g² − ms)(1 − ρ)}, {@code mom ← μ·mom + lr·g/√(ms + ε)}, {@code w ← w − mom};
 * centered also keeps {@code mg ← mg + (g − mg)(1 − ρ)} and divides by {@code √(ms − mg² + ε)}.
 *
 * <p>Slots, in TF's creation order: {@code <var>/RMSProp} = ms, initialised to <b>1</b> (TF's
 * {@code ones_initializer}, which keeps the first steps small); then, if centered,
 * {@code <var>/RMSProp_1} = mg; then the momentum accumulator ({@code RMSProp_1}, or
 * {@code RMSProp_2} when centered), both starting at 0.
 */
public final class RmsPropOptimizer extends Optimizer {
    private static final int MEAN_SQUARE = 0;

    private final RmsPropSettings settings;
    private final int meanGradient;
    private final int momentum;

    RmsPropOptimizer(RmsPropSettings settings, List<Variable> variables) {
        super("RMSProp", variables);
        this.settings = settings;
        this.meanGradient = settings.centered() ? 1 : -1;
        this.momentum = settings.centered() ? 2 : 1;
        for (Variable v : variables()) {
            createSlot(v, MEAN_SQUARE, 1.0);
            if (settings.centered()) {
                createSlot(v, meanGradient, 0.0);
            }
            createSlot(v, momentum, 0.0);
        }
    }

    public RmsPropSettings settings() {
        return settings;
    }

    @Override
    protected Tensor update(Variable variable, Tensor w, Tensor g, double learningRate) {
        // One fused pass (OptimizerOps.APPLY_RMSPROP) with the float rounding of the elementwise form.
        boolean centered = settings.centered();
        Tensor[] updated = OptimizerOps.applyRmsProp(w, slot(variable, MEAN_SQUARE), slot(variable, momentum),
                centered ? slot(variable, meanGradient) : null, g,
                new OptimizerOps.RmsPropAttrs(learningRate, settings.decay(), settings.momentum(), settings.epsilon(), centered));
        setSlot(variable, MEAN_SQUARE, updated[1]);
        setSlot(variable, momentum, updated[2]);
        if (centered) {
            setSlot(variable, meanGradient, updated[3]);
        }
        return updated[0];
    }


    @Override
    protected String typeName() {
        return OptimizerType.RMSPROP.id();
    }
}

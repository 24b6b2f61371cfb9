package dev.imgcls.train.optim;

import dev.imgcls.nn.Variable;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.ops.ElementwiseOps;

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
        Tensor oneMinusRho = scalar(w, 1 - settings.decay());
        Tensor ms = slot(variable, MEAN_SQUARE);
        Tensor newMs = ms.add(g.mul(g).sub(ms).mul(oneMinusRho));
        setSlot(variable, MEAN_SQUARE, newMs);
        Tensor scaledGrad = g.mul(scalar(w, learningRate));
        Tensor step;
        if (settings.centered()) {
            Tensor mg = slot(variable, meanGradient);
            Tensor newMg = mg.add(g.sub(mg).mul(oneMinusRho));
            setSlot(variable, meanGradient, newMg);
            Tensor denominator = newMs.sub(newMg.mul(newMg)).add(scalar(w, settings.epsilon()));
            step = scaledGrad.mul(ElementwiseOps.rsqrt(denominator));
        } else {
            step = scaledGrad.div(ElementwiseOps.sqrt(newMs.add(scalar(w, settings.epsilon()))));
        }
        Tensor newMom = slot(variable, momentum).mul(scalar(w, settings.momentum())).add(step);
        setSlot(variable, momentum, newMom);
        return w.sub(newMom);
    }

    @Override
    protected String typeName() {
        return OptimizerType.RMSPROP.flagValue();
    }
}

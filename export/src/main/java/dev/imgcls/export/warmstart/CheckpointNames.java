package dev.imgcls.export.warmstart;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the names of a TF1 training checkpoint say beyond the model's own variables: moving-average
 * shadows ({@code <var>/ExponentialMovingAverage}) and optimizer state, which a warm start never
 * loads (it begins at step 0 with fresh optimizer state).
 */
final class CheckpointNames {

    /** The shadow TF's {@code ExponentialMovingAverage} keeps of each averaged variable. */
    static final String EMA_SUFFIX = "/ExponentialMovingAverage";

    /**
     * Slot names of TF1's optimizers ({@code tf.train.MomentumOptimizer} and LARS: Momentum;
     * RMSProp: RMSProp (ms) and RMSProp_1 (mom); Adam: Adam, Adam_1; Adagrad; Adadelta: Adadelta,
     * Adadelta_1), each saved as {@code <var>/<slot>}.
     */
    static final List<String> SLOTS = List.of("Momentum", "RMSProp", "RMSProp_1", "Adam", "Adam_1", "Adagrad", "Adadelta", "Adadelta_1");

    private static final Pattern SLOT = Pattern.compile(".+/(" + String.join("|", SLOTS) + ")");
    /** Non-slot optimizer and training state: Adam's power accumulators (numbered when a graph has several) and the step. */
    private static final Pattern NON_SLOT = Pattern.compile("(?:.*/)?(global_step|beta1_power|beta2_power)(?:_\\d+)?");

    private CheckpointNames() {}

    /** The kind of optimizer or training state a name holds ({@code Momentum}, {@code global_step}, …), if it is one. */
    static Optional<String> optimizerStateKind(String name) {
        Matcher slot = SLOT.matcher(name);
        if (slot.matches()) {
            return Optional.of(slot.group(1));
        }
        Matcher other = NON_SLOT.matcher(name);
        return other.matches() ? Optional.of(other.group(1)) : Optional.empty();
    }

    static boolean isEmaShadow(String name) {
        return name.endsWith(EMA_SUFFIX);
    }

    static String emaShadowOf(String name) {
        return name + EMA_SUFFIX;
    }
}

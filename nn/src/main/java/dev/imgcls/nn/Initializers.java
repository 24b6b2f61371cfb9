package dev.imgcls.nn;

import dev.imgcls.tensor.Generator;
import dev.imgcls.tensor.Tensor;

/** The initialisers of the reference models, with TF 1.14's definitions. */
public final class Initializers {
    /** Stddev of a unit normal truncated to ±2, by which TF divides to keep the variance. */
    private static final double TRUNCATED_STDDEV = 0.87962566103423978;

    private Initializers() {
    }

    /**
     * {@code tf.variance_scaling_initializer()} defaults: scale 1, fan_in, truncated normal with
     * stddev sqrt(1/fan_in)/0.8796. fan_in of an HWIO kernel is kh·kw·in.
     */
    public static Tensor varianceScalingFanIn(Generator gen, int... hwio) {
        int fanIn = hwio[0] * hwio[1] * hwio[2];
        return Tensor.truncatedNormal(gen, 0, Math.sqrt(1.0 / fanIn) / TRUNCATED_STDDEV, hwio);
    }

    /** EfficientNet's conv initialiser: normal(0, sqrt(2/fan_out)), fan_out = kh·kw·out (out = shape[3]). */
    public static Tensor efficientNetConv(Generator gen, int... hwio) {
        int fanOut = hwio[0] * hwio[1] * hwio[3];
        return Tensor.randomNormal(gen, 0, Math.sqrt(2.0 / fanOut), hwio);
    }

    /** EfficientNet's dense initialiser: uniform(±1/sqrt(units)) for a [in, units] kernel. */
    public static Tensor efficientNetDense(Generator gen, int in, int units) {
        double r = 1.0 / Math.sqrt(units);
        return Tensor.randomUniform(gen, -r, r, in, units);
    }

    public static Tensor normal(Generator gen, double std, int... shape) {
        return Tensor.randomNormal(gen, 0, std, shape);
    }
}

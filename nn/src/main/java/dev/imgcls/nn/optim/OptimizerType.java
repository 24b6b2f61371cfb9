package dev.imgcls.nn.optim;

import java.util.Locale;

/** The TF1 optimizers this package implements; {@link OptimizerSettings#type} tells them apart. */
public enum OptimizerType {
    MOMENTUM, ADAM, RMSPROP;

    /** The lower-case name ({@code momentum}, {@code adam}, {@code rmsprop}), TF's spelling in configurations. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}

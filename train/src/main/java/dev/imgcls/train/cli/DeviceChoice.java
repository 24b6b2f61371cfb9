package dev.imgcls.train.cli;

import java.util.Locale;

/** The {@code device} choices: AUTO uses a GPU when one is usable and says so, else the CPU. */
public enum DeviceChoice {
    CPU, GPU, AUTO;

    public String flagValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}

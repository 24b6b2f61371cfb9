package dev.imgcls.train.cli;

import java.util.Locale;

/** How the ranks of a data-parallel job split the training input ({@code --data_sharding}). */
public enum DataSharding {
    /** Each rank reads its own share of the training files: no record is read twice; the example order depends on the rank count. */
    FILES,
    /** Every rank reads every record and decodes its slice of each global batch: the same steps as one process. */
    BATCHES;

    /** The flag's spelling. */
    public String flagValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}

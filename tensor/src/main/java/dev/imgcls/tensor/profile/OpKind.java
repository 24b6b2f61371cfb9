package dev.imgcls.tensor.profile;

/**
 * The categories a profile groups ops into, so a step's time reads as "conv, batch norm, elementwise, …".
 * Each op declares its kind on its {@code OpDef} ({@code profiledAs}).
 */
public enum OpKind {
    CONV_FORWARD("conv forward"),
    CONV_BACKWARD_DATA("conv backward-data"),
    CONV_BACKWARD_FILTER("conv backward-filter"),
    MATMUL("matmul"),
    BATCH_NORM("batch norm"),
    ELEMENTWISE("elementwise"),
    POOLING("pooling"),
    REDUCTION("reduction"),
    LOSS("loss"),
    DATA_MOVEMENT("data movement"),
    /** Fused update steps (apply_momentum); optimizers written with elementwise ops count there. */
    OPTIMIZER("optimizer"),
    OTHER("other");

    private final String label;

    OpKind(String label) {
        this.label = label;
    }

    /** The name shown in profile tables. */
    public String label() {
        return label;
    }

    /** Whether FLOPs are counted for this kind (the dense-math ops whose GFLOP/s is meaningful). */
    public boolean countsFlops() {
        return this == CONV_FORWARD || this == CONV_BACKWARD_DATA || this == CONV_BACKWARD_FILTER || this == MATMUL;
    }
}

package dev.imgcls.tensor.profile;

import java.util.Set;

/** The categories a profile groups ops into, so a step's time reads as "conv, batch norm, elementwise, …". */
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

    private static final Set<String> ELEMENTWISE_OPS = Set.of(
            "add", "sub", "mul", "div", "neg", "identity", "exp", "log", "sqrt", "rsqrt", "square", "bias_add");
    private static final Set<String> ELEMENTWISE_PREFIXES = Set.of("relu", "sigmoid", "tanh", "swish");
    private static final Set<String> REDUCTION_OPS = Set.of("sum", "max", "max_grad", "mean", "min");
    private static final Set<String> LOSS_OPS = Set.of("softmax", "log_softmax", "softmax_cross_entropy", "l2_loss");
    private static final Set<String> DATA_MOVEMENT_OPS = Set.of(
            "transpose", "pad", "concat", "slice", "broadcast_to", "cast", "reshape", "copy");

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

    /** The kind of an op by its registered name; unknown names are {@link #OTHER}. */
    public static OpKind of(String opName) {
        switch (opName) {
            case "conv2d":
                return CONV_FORWARD;
            case "conv2d_backprop_input":
                return CONV_BACKWARD_DATA;
            case "conv2d_backprop_filter":
                return CONV_BACKWARD_FILTER;
            case "matmul":
                return MATMUL;
            default:
                break;
        }
        if (opName.startsWith("apply_")) {
            return OPTIMIZER;
        }
        if (opName.startsWith("batch_norm")) {
            return BATCH_NORM;
        }
        if (ELEMENTWISE_OPS.contains(opName) || ELEMENTWISE_PREFIXES.contains(opName.split("_")[0])) {
            return ELEMENTWISE;
        }
        if (opName.endsWith("_pool") || opName.endsWith("_pool_grad")) {
            return POOLING;
        }
        if (REDUCTION_OPS.contains(opName)) {
            return REDUCTION;
        }
        if (LOSS_OPS.contains(opName)) {
            return LOSS;
        }
        if (DATA_MOVEMENT_OPS.contains(opName)) {
            return DATA_MOVEMENT;
        }
        return OTHER;
    }
}

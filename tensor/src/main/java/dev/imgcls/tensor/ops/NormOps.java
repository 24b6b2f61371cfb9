package dev.imgcls.tensor.ops;

/** Placeholder family: ops are added here by the op-set work. */
public final class NormOps {
    private NormOps() {
    }
}

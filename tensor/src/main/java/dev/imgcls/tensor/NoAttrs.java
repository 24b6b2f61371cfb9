package dev.imgcls.tensor;

/** The attribute record of ops that have none. */
public record NoAttrs() {
    public static final NoAttrs NONE = new NoAttrs();
}

package dev.imgcls.tensor.profile;

import dev.imgcls.tensor.ops.ConvOps;

/** Grouped (including depthwise) convolutions get their own profile rows: their GFLOP/s differs from dense ones. */
final class GroupedConv {
    private GroupedConv() {
    }

    /** Appended to the op name of grouped convolutions in profiles. */
    static final String SUFFIX = " [grouped]";

    /** Whether the attrs are those of a convolution (or its backprop) with more than one group. */
    static boolean is(Object attrs) {
        if (attrs instanceof ConvOps.Conv2dAttrs a) {
            return a.groups() > 1;
        }
        return attrs instanceof ConvOps.ConvGradAttrs g && g.conv().groups() > 1;
    }
}

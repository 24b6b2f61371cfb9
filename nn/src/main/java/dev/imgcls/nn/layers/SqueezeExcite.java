package dev.imgcls.nn.layers;

import dev.imgcls.nn.VariableStore;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.ops.ElementwiseOps;
import dev.imgcls.tensor.ops.Padding;
import dev.imgcls.tensor.ops.ReduceOps;

import java.util.function.Function;

/**
 * EfficientNet's squeeze-and-excite, in scope {@code se}: spatial mean → 1×1 conv (with bias) to
 * the reduced width → swish → 1×1 conv (with bias) back → sigmoid → scale the input.
 */
public final class SqueezeExcite {
    private final Conv2d reduce;
    private final Conv2d expand;

    public SqueezeExcite(VariableStore store, int channels, int reduced, Function<int[], Tensor> init) {
        try (VariableStore.Scope s = store.scope("se")) {
            reduce = new Conv2d(store, 1, channels, reduced, 1, Padding.SAME, true, init);
            expand = new Conv2d(store, 1, reduced, channels, 1, Padding.SAME, true, init);
        }
    }

    public Tensor forward(Tensor x) {
        Tensor squeezed = ReduceOps.mean(x, true, 1, 2);
        Tensor gate = ElementwiseOps.sigmoid(expand.forward(ElementwiseOps.swish(reduce.forward(squeezed))));
        return x.mul(gate);
    }
}

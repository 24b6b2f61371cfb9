package dev.imgcls.nn.layers;

import dev.imgcls.nn.Variable;
import dev.imgcls.nn.VariableStore;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.ops.LinalgOps;

/** A TF {@code dense} layer: kernel {@code [in, units]} and bias {@code [units]}. */
public final class Dense {
    private final Variable kernel;
    private final Variable bias;

    public Dense(VariableStore store, Tensor initialKernel) {
        String layer = store.uniqueLayerName("dense");
        this.kernel = store.create(layer, "kernel", Variable.Role.KERNEL, initialKernel);
        this.bias = store.create(layer, "bias", Variable.Role.BIAS, Tensor.zeros(initialKernel.dim(1)));
    }

    public Tensor forward(Tensor x) {
        return LinalgOps.biasAdd(x.matmul(kernel.value()), bias.value());
    }
}

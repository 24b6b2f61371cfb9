package dev.imgcls.nn.models;

import dev.imgcls.nn.Initializers;
import dev.imgcls.nn.Mode;
import dev.imgcls.nn.Model;
import dev.imgcls.nn.VariableStore;
import dev.imgcls.nn.layers.BatchNorm;
import dev.imgcls.nn.layers.Conv2d;
import dev.imgcls.nn.layers.Dense;
import dev.imgcls.nn.layers.DepthwiseConv2d;
import dev.imgcls.nn.layers.SqueezeExcite;
import dev.imgcls.tensor.Generator;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.ops.ElementwiseOps;
import dev.imgcls.tensor.ops.Padding;
import dev.imgcls.tensor.ops.ReduceOps;
import dev.imgcls.tensor.ops.RegularizationOps;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * EfficientNet-B0…B7 as {@code tensorflow/tpu} r1.14's {@code efficientnet_model.py}: stem,
 * MBConv blocks (expansion, depthwise, squeeze-excite, linear projection, identity skip with
 * drop-connect 0.2·idx/blocks), head conv, global pool, dropout, dense; swish everywhere; batch
 * norm momentum 0.99, epsilon 1e-3 (non-fused, so the moving variance takes the biased variance);
 * variables under {@code efficientnet-bX/{stem,blocks_i,head}/…}.
 */
public final class EfficientNet extends Model {
    static final BatchNorm.Config BN = new BatchNorm.Config("tpu_batch_normalization", 0.99, 1e-3, false);

    private final EfficientNetParams params;
    private final Conv2d stemConv;
    private final BatchNorm stemBn;
    private final List<MBConv> blocks = new ArrayList<>();
    private final Conv2d headConv;
    private final BatchNorm headBn;
    private final Dense fc;

    public EfficientNet(String modelType, int numClasses, Generator gen) {
        super(modelType, numClasses);
        params = EfficientNetParams.of(modelType);
        Function<int[], Tensor> init = shape -> Initializers.efficientNetConv(gen, shape);
        try (VariableStore.Scope model = store.scope(modelType)) {
            try (VariableStore.Scope s = store.scope("stem")) {
                stemConv = new Conv2d(store, 3, 3, params.stemFilters(), 2, Padding.SAME, false, init);
                stemBn = new BatchNorm(store, BN, params.stemFilters(), false);
            }
            List<EfficientNetParams.Block> specs = params.blocks();
            for (int i = 0; i < specs.size(); i++) {
                try (VariableStore.Scope s = store.scope("blocks_" + i)) {
                    double dropConnect = EfficientNetParams.DROP_CONNECT_RATE * i / specs.size();
                    blocks.add(new MBConv(specs.get(i), dropConnect, init));
                }
            }
            int last = specs.get(specs.size() - 1).out();
            try (VariableStore.Scope s = store.scope("head")) {
                headConv = new Conv2d(store, 1, last, params.headFilters(), 1, Padding.SAME, false, init);
                headBn = new BatchNorm(store, BN, params.headFilters(), false);
                fc = new Dense(store, Initializers.efficientNetDense(gen, params.headFilters(), numClasses));
            }
        }
    }

    public EfficientNetParams params() {
        return params;
    }

    @Override
    protected Tensor logits(Tensor x, Mode mode) {
        x = ElementwiseOps.swish(stemBn.forward(stemConv.forward(x), mode));
        for (MBConv b : blocks) {
            x = b.forward(x, mode);
        }
        x = ElementwiseOps.swish(headBn.forward(headConv.forward(x), mode));
        x = ReduceOps.mean(x, false, 1, 2);
        x = RegularizationOps.dropout(x, params.dropout(), mode.generator(), mode.stochastic());
        return fc.forward(x);
    }

    /** Mobile inverted bottleneck; layers are created in call order, which gives TF's names. */
    private final class MBConv {
        final EfficientNetParams.Block spec;
        final double dropConnect;
        final Conv2d expand;
        final BatchNorm expandBn;
        final DepthwiseConv2d depthwise;
        final BatchNorm depthwiseBn;
        final SqueezeExcite se;
        final Conv2d project;
        final BatchNorm projectBn;

        MBConv(EfficientNetParams.Block spec, double dropConnect, Function<int[], Tensor> init) {
            this.spec = spec;
            this.dropConnect = dropConnect;
            int width = spec.expanded();
            if (spec.expand() != 1) {
                expand = new Conv2d(store, 1, spec.in(), width, 1, Padding.SAME, false, init);
                expandBn = new BatchNorm(store, BN, width, false);
            } else {
                expand = null;
                expandBn = null;
            }
            depthwise = new DepthwiseConv2d(store, spec.kernel(), width, spec.stride(), Padding.SAME, init);
            depthwiseBn = new BatchNorm(store, BN, width, false);
            se = spec.seRatio() > 0 && spec.seRatio() <= 1 ? new SqueezeExcite(store, width, spec.seReduced(), init) : null;
            project = new Conv2d(store, 1, width, spec.out(), 1, Padding.SAME, false, init);
            projectBn = new BatchNorm(store, BN, spec.out(), false);
        }

        Tensor forward(Tensor x, Mode mode) {
            Tensor y = x;
            if (expand != null) {
                y = ElementwiseOps.swish(expandBn.forward(expand.forward(y), mode));
            }
            y = ElementwiseOps.swish(depthwiseBn.forward(depthwise.forward(y), mode));
            if (se != null) {
                y = se.forward(y);
            }
            y = projectBn.forward(project.forward(y), mode);
            if (spec.identitySkip()) {
                if (dropConnect > 0) {
                    y = RegularizationOps.dropConnect(y, dropConnect, mode.generator(), mode.stochastic());
                }
                y = y.add(x);
            }
            return y;
        }
    }
}

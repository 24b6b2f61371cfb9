package dev.imgcls.train.doctor;

import dev.imgcls.tensor.OpDef;
import dev.imgcls.tensor.ops.OpRegistry;

import java.util.ArrayList;
import java.util.List;

/**
 * The op self-check's cases: one or more for every op of the engine ({@link OpRegistry}), with
 * awkward shapes (odd and prime sizes, no multiple of a warp or block, size-1 dimensions, batch 3,
 * channels 13, non-square images), inputs drawn as each op needs them, and a tolerance per case
 * with its reason ({@link Tolerance#why()}). OpSelfCheckCoverageTest fails when an op has none.
 *
 * <pre>{@code
 * for (OpCase<?> c : OpCatalogue.cases()) System.out.println(c + ": " + c.tolerance());
 * }</pre>
 */
public final class OpCatalogue {
    private static final List<OpCase<?>> CASES = collect();

    private OpCatalogue() {
    }

    /** Every case, grouped by op family (elementwise, reductions and products, conv, pool and norm, data movement, loss and optimizers). */
    public static List<OpCase<?>> cases() {
        return CASES;
    }

    /** The cases of one op, in catalogue order; empty when it has none. */
    public static List<OpCase<?>> casesFor(OpDef<?> op) {
        return CASES.stream().filter(c -> c.op() == op).toList();
    }

    /** Ops of the engine without a case (empty in a correct build). */
    public static List<OpDef<?>> opsWithoutCases() {
        return OpRegistry.all().stream().filter(op -> casesFor(op).isEmpty()).toList();
    }

    private static List<OpCase<?>> collect() {
        List<OpCase<?>> all = new ArrayList<>();
        all.addAll(ElementwiseCases.all());
        all.addAll(ReduceLinalgCases.all());
        all.addAll(ConvCases.all());
        all.addAll(PoolNormCases.all());
        all.addAll(DataCases.all());
        all.addAll(LossOptimizerCases.all());
        return List.copyOf(all);
    }
}

package dev.imgcls.train.doctor;

import dev.imgcls.kernels.cpu.CpuBackend;
import dev.imgcls.kernels.testing.SimulatedDeviceBackend;
import dev.imgcls.tensor.Backends;
import dev.imgcls.tensor.OpDef;
import dev.imgcls.tensor.ops.ConvOps;
import dev.imgcls.tensor.ops.ElementwiseOps;
import dev.imgcls.tensor.ops.LinalgOps;
import dev.imgcls.tensor.ops.LossOps;
import dev.imgcls.tensor.ops.OpRegistry;
import dev.imgcls.tensor.ops.ShapeOps;
import dev.imgcls.tensor.spi.Backend;
import dev.imgcls.tensor.spi.Kernel;
import dev.imgcls.tensor.spi.TensorAccess;
import dev.imgcls.train.doctor.OpSelfCheck.Outcome;
import dev.imgcls.train.doctor.OpSelfCheck.Result;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The op self-check passes a backend that computes as the CPU does (the simulated device: CPU
 * kernels behind device memory) and fails exactly the ops a sabotaged backend gets wrong.
 */
class OpSelfCheckTest {
    private static final Backend CPU = Backends.byName(CpuBackend.NAME);

    @Test
    void theWholeCatalogueAgreesOnTheSimulatedDeviceAndFreesItsMemory() {
        long liveBefore = SimulatedDeviceBackend.liveStorages();
        List<Integer> done = new ArrayList<>();
        List<Result> results = OpSelfCheck.run(CPU, new SimulatedDeviceBackend(), 17, (r, n, total) -> done.add(n));

        List<Result> failed = results.stream().filter(Result::failed).toList();
        assertEquals(List.of(), failed.stream().map(Result::toString).toList());
        int cases = OpCatalogue.cases().size();
        assertEquals(cases, results.size(), "one result per case");
        assertTrue(OpSelfCheck.allWithinTolerance(results));
        System.out.println("[OpSelfCheckTest] simulated device: " + OpSelfCheck.summary(results));
        assertEquals(OpRegistry.all().size() + " ops, " + cases + " cases: all within tolerance", OpSelfCheck.summary(results));
        assertEquals(cases, done.size(), "progress told of every case");
        assertEquals(cases, (int) done.get(done.size() - 1));
        // The same kernels on the same inputs: every floating error is 0, so the check compares real outputs.
        for (Result r : results) {
            assertEquals(0, r.maxAbsError(), r.toString());
            assertTrue(r.caseName().contains("["), "a case name shows its input shapes: " + r);
        }
        assertEquals(liveBefore, SimulatedDeviceBackend.liveStorages(), "device buffers left behind by the self-check");
    }

    @Test
    void aWrongKernelFailsThatOpAndOnlyThatOp() {
        Tolerance filterTol = OpCatalogue.casesFor(ConvOps.CONV2D_BACKPROP_FILTER).get(0).tolerance();
        Tolerance matmulTol = OpCatalogue.casesFor(LinalgOps.MATMUL).get(0).tolerance();
        SabotagedBackend candidate = new SabotagedBackend(CPU)
                .replace(ElementwiseOps.SIGMOID, CPU.kernel(ElementwiseOps.TANH))
                .replace(ConvOps.CONV2D_BACKPROP_FILTER, nudged(ConvOps.CONV2D_BACKPROP_FILTER, filterTol, 2.0))
                .replace(LinalgOps.MATMUL, nudged(LinalgOps.MATMUL, matmulTol, 0.5))
                .replace(ShapeOps.TOP_K, (a, in, out) -> {
                    throw new IllegalStateException("deliberately broken top_k kernel");
                })
                .replace(ElementwiseOps.SQUARE, inputWriting(ElementwiseOps.SQUARE))
                .remove(LossOps.L2_LOSS);

        List<Result> results = OpSelfCheck.run(CPU, candidate, 17, OpSelfCheck.Progress.NONE);

        Map<String, Set<Outcome>> failures = results.stream().filter(Result::failed)
                .collect(Collectors.groupingBy(Result::op, TreeMap::new, Collectors.mapping(Result::outcome, Collectors.toSet())));
        assertEquals(Map.of("conv2d_backprop_filter", Set.of(Outcome.OUT_OF_TOLERANCE), "l2_loss", Set.of(Outcome.NOT_ON_BACKEND),
                "sigmoid", Set.of(Outcome.OUT_OF_TOLERANCE), "square", Set.of(Outcome.WROTE_INPUT), "top_k", Set.of(Outcome.THREW)), failures);
        // Every case of a broken op fails, not just one; a change within tolerance (matmul) passes.
        for (OpDef<?> op : List.of(ElementwiseOps.SIGMOID, ConvOps.CONV2D_BACKPROP_FILTER, ShapeOps.TOP_K, ElementwiseOps.SQUARE)) {
            assertEquals(OpCatalogue.casesFor(op).size(), results.stream().filter(r -> r.op().equals(op.name()) && r.failed()).count(), op.name());
        }
        assertTrue(results.stream().filter(r -> r.op().equals("matmul")).allMatch(r -> r.passed() && r.maxAbsError() > 0));
        Result topK = results.stream().filter(r -> r.op().equals("top_k")).findFirst().orElseThrow();
        assertEquals("IllegalStateException: deliberately broken top_k kernel", topK.problem());
        Result filter = results.stream().filter(r -> r.op().equals("conv2d_backprop_filter")).findFirst().orElseThrow();
        assertTrue(filter.problem().startsWith("output 0: 1 of ") && filter.problem().contains("outside " + filterTol + ", first at 0"), filter.problem());

        Result square = results.stream().filter(r -> r.op().equals("square")).findFirst().orElseThrow();
        assertTrue(square.problem().startsWith("the kernel wrote into its inputs: input 0: 1 of 1155 elements"), square.problem());
        assertFalse(OpSelfCheck.allWithinTolerance(results));

        String summary = OpSelfCheck.summary(results);
        int failed = (int) results.stream().filter(Result::failed).count();
        assertTrue(summary.startsWith(failed + " of " + results.size() + " cases failed: "), summary);
        assertTrue(summary.contains("top_k") && summary.contains("deliberately broken") && summary.contains("and "), summary);
    }

    @Test
    void anOpOnNeitherBackendIsReportedButNotAFailure() {
        SabotagedBackend reference = new SabotagedBackend(CPU).remove(ElementwiseOps.GELU);
        SabotagedBackend candidate = new SabotagedBackend(CPU).remove(ElementwiseOps.GELU);
        List<Result> results = OpSelfCheck.run(OpCatalogue.casesFor(ElementwiseOps.GELU), reference, candidate, 1, OpSelfCheck.Progress.NONE);
        Result gelu = results.stream().filter(r -> r.op().equals("gelu")).findFirst().orElseThrow();
        assertEquals(Outcome.ON_NEITHER_BACKEND, gelu.outcome());
        assertFalse(gelu.failed());
        assertTrue(OpSelfCheck.summary(List.of(gelu)).endsWith("; on neither backend: gelu"), OpSelfCheck.summary(List.of(gelu)));
    }

    @Test
    void anOpWithoutACaseIsAFailureNotAPass() {
        List<OpCase<?>> withoutArgmax = OpCatalogue.cases().stream().filter(c -> c.op() != ShapeOps.ARGMAX).toList();
        List<Result> results = OpSelfCheck.run(withoutArgmax, CPU, CPU, 3, OpSelfCheck.Progress.NONE);
        List<Result> failed = results.stream().filter(Result::failed).toList();
        assertEquals(1, failed.size(), failed.toString());
        assertEquals(Outcome.NO_CASE, failed.get(0).outcome());
        assertEquals("argmax", failed.get(0).op());
        assertTrue(OpSelfCheck.summary(results).contains("argmax (no self-check case)"), OpSelfCheck.summary(results));
    }

    /** The CPU kernel of {@code op}, which then overwrites the first element of its input 0. */
    private static <A> Kernel<A> inputWriting(OpDef<A> op) {
        Kernel<A> real = CPU.kernel(op);
        return (a, in, out) -> {
            real.run(a, in, out);
            TensorAccess.host(in[0]).floats()[0] = 42;
        };
    }

    /** The CPU kernel of {@code op}, with output 0's first element moved by {@code factor} times what the tolerance allows. */
    private static <A> Kernel<A> nudged(OpDef<A> op, Tolerance tol, double factor) {
        Kernel<A> real = CPU.kernel(op);
        return (a, in, out) -> {
            real.run(a, in, out);
            float[] v = TensorAccess.host(out[0]).floats();
            v[0] += (float) (factor * (tol.abs() + tol.rel() * Math.abs(v[0])));
        };
    }
}

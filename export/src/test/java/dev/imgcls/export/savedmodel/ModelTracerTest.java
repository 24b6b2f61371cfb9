package dev.imgcls.export.savedmodel;

import dev.imgcls.export.savedmodel.trace.ModelTracer;
import dev.imgcls.export.savedmodel.trace.Trace;
import dev.imgcls.export.savedmodel.trace.TraceValue;
import dev.imgcls.export.savedmodel.trace.TracedOp;
import dev.imgcls.nn.Mode;
import dev.imgcls.nn.Model;
import dev.imgcls.nn.ModelFactory;
import dev.imgcls.nn.Variable;
import dev.imgcls.tensor.Autograd;
import dev.imgcls.tensor.Backends;
import dev.imgcls.tensor.Device;
import dev.imgcls.tensor.Generator;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.ops.ConvOps;
import dev.imgcls.tensor.ops.Padding;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelTracerTest {
    @Test
    void resnet18TraceHasTheReferenceStructure() {
        Model m = ModelFactory.create("resnet-18", 5, 1);
        Trace t = ModelTracer.trace(m, 40);
        Map<String, Long> counts = t.ops().stream().collect(Collectors.groupingBy(o -> o.op().name(), Collectors.counting()));
        // 21 convolutions and batch norms (stem, 16 block convs, 4 projections), one pool, one dense.
        assertEquals(21L, counts.get("conv2d"));
        assertEquals(21L, counts.get("batch_norm_infer"));
        assertEquals(1L, counts.get("max_pool"));
        assertEquals(1L, counts.get("matmul"));
        // The normalisation comes first, with the reference mean and standard deviation as constants.
        TracedOp sub = t.ops().get(0);
        TracedOp div = t.ops().get(1);
        assertEquals("sub", sub.op().name());
        assertEquals("div", div.op().name());
        assertInstanceOf(TraceValue.Images.class, sub.inputs().get(0));
        assertArrayEquals(Model.MEAN_RGB, ((TraceValue.Literal) sub.inputs().get(1)).values());
        assertArrayEquals(Model.STDDEV_RGB, ((TraceValue.Literal) div.inputs().get(1)).values());
        assertEquals(List.of(ModelTracer.TRACE_BATCH, 5), List.of(t.logits().shape().dim(0), t.logits().shape().dim(1)));
        assertEquals(Set.copyOf(m.variables()), variablesUsed(t), "every variable takes part in inference");
    }

    @Test
    void efficientNetDepthwiseKernelsAreSeenThroughTheirReshape() {
        Model m = ModelFactory.create("efficientnet-b0", 3, 2);
        Trace t = ModelTracer.trace(m, 32);
        long depthwise = t.ops().stream().filter(o -> o.op().name().equals("conv2d") && ((ConvOps.Conv2dAttrs) o.attrs()).groups() > 1).count();
        assertEquals(16, depthwise, "one depthwise convolution per MBConv block");
        for (TracedOp o : t.ops()) {
            if (o.op().name().equals("conv2d") && ((ConvOps.Conv2dAttrs) o.attrs()).groups() > 1) {
                TraceValue.VariableValue kernel = assertInstanceOf(TraceValue.VariableValue.class, o.inputs().get(1));
                assertTrue(kernel.variable().name().endsWith("depthwise_kernel"), kernel.variable().name());
                assertEquals(1, kernel.shape().dim(2), "seen as the engine's [k, k, 1, C] view");
            }
        }
        assertEquals(Set.copyOf(m.variables()), variablesUsed(t));
    }

    @Test
    void replayingTheTraceGivesTheModelsOwnLogits() {
        Model m = TestModels.randomized("efficientnet-b0", 4, 3, TestImages.calibrationBatch(32));
        Tensor images = Tensor.randomUniform(new Generator(4), 0, 255, ModelTracer.TRACE_BATCH, 32, 32, 3);
        Trace t = ModelTracer.trace(m, 32);
        float[] replayed = new TraceInterpreter(t, images).value(t.logits()).toFloatArray();
        float[] direct;
        try (Autograd.Scope ng = Autograd.noGrad()) {
            direct = m.forward(images, Mode.EVAL).toFloatArray();
        }
        assertArrayEquals(direct, replayed, "the trace is the forward pass, op for op");
    }

    @Test
    void tracingComputesNothingAndLeavesTheModelAlone() {
        Model m = ModelFactory.create("resnet-50", 3, 5);
        float[] before = m.variables().get(0).value().toFloatArray();
        CountingBackend cpu = new CountingBackend(Backends.forDevice(Device.CPU));
        try (Autograd.Scope counted = Backends.use(cpu)) {
            // ResNet-50 at 600×600 would take seconds to compute; a trace only runs shape rules.
            ModelTracer.trace(m, 600);
            assertEquals(0, cpu.kernelCalls(), "kernels the trace ran on the real backend");
            assertArrayEquals(before, m.variables().get(0).value().toFloatArray());
            try (Autograd.Scope ng = Autograd.noGrad()) {
                assertEquals(3, m.forward(Tensor.zeros(1, 32, 32, 3), Mode.EVAL).dim(1));
            }
            assertTrue(cpu.kernelCalls() > 0, "the model still runs on the real backend, and the count sees it");
        }
    }

    @Test
    void refusesWhatCannotBeServedForAnyBatch() {
        assertRefused(x -> x.reshape(1, -1).matmul(Tensor.ones(x.numel(), 2)), "batch axis");
        assertRefused(x -> dev.imgcls.tensor.ops.ShapeOps.transpose(x, 0, 2, 1, 3).mean(1, 2), "'transpose'");
        assertRefused(x -> x.sum(0, 1, 2).reshape(1, 3).add(x.mean(1, 2)), "batch axis");
        assertRefused(x -> ConvOps.conv2d(ConvOps.conv2d(x, Tensor.ones(1, 1, 3, 4), 1, Padding.SAME), Tensor.ones(1, 1, 2, 4),
                new ConvOps.Conv2dAttrs(1, 1, Padding.SAME, 2)).mean(1, 2), "groups");
        assertThrows(IllegalArgumentException.class, () -> ModelTracer.trace(ModelFactory.create("resnet-18", 2, 1), 0));
    }

    private static void assertRefused(Function<Tensor, Tensor> body, String messagePart) {
        Model m = new Model("refused", 2) {
            @Override
            protected Tensor logits(Tensor x, Mode mode) {
                return body.apply(x);
            }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ServingModelBuilder.build(m, 8));
        assertTrue(e.getMessage().contains(messagePart), e.getMessage());
    }

    private static Set<Variable> variablesUsed(Trace t) {
        Set<Variable> used = new HashSet<>();
        for (TracedOp o : t.ops()) {
            for (TraceValue v : o.inputs()) {
                if (v instanceof TraceValue.VariableValue vv) {
                    used.add(vv.variable());
                }
            }
        }
        return used;
    }
}

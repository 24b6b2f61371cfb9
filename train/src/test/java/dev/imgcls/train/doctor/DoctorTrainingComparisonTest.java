package dev.imgcls.train.doctor;

import dev.imgcls.kernels.testing.SimulatedDeviceBackend;
import dev.imgcls.tensor.Backends;
import dev.imgcls.tensor.DType;
import dev.imgcls.tensor.Device;
import dev.imgcls.tensor.OpDef;
import dev.imgcls.tensor.ops.OptimizerOps;
import dev.imgcls.tensor.ops.OptimizerOps.MomentumAttrs;
import dev.imgcls.tensor.spi.Backend;
import dev.imgcls.tensor.spi.HostStorage;
import dev.imgcls.tensor.spi.Kernel;
import dev.imgcls.tensor.spi.Storage;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The doctor's training comparison with the simulated GPU in the CUDA backend's place: the same
 * checks as on a GPU machine (both models, the doctor's sizes), passing where the device computes
 * what the CPU does and failing where its optimizer update is off.
 */
class DoctorTrainingComparisonTest {
    private final Backend cpu = Backends.forDevice(Device.CPU);

    @Test
    void aDeviceThatComputesWhatTheCpuDoesPasses() {
        for (DoctorCheck check : GpuDoctor.trainingChecks(cpu, new SimulatedDeviceBackend())) {
            CheckResult r = check.run();
            assertTrue(r.ok(), r.toString());
            assertEquals(1, r.lines().size());
            // The simulated device runs the CPU's kernels: no difference at all.
            assertTrue(r.lines().get(0).contains("max relative difference: losses 0.0e+00, weights 0.0e+00"), r.lines().get(0));
        }
    }

    @Test
    void aDeviceWhoseUpdateIsOffFailsWithTheDifferences() {
        TrainingComparison.Settings settings = new TrainingComparison.Settings("resnet-18", 32, 2, 3, 5, 3);
        TrainingComparison.Outcome o = TrainingComparison.compare(settings, cpu, new SkewedMomentum(1.01));
        assertFalse(o.within(TrainingCheck.TOLERANCE), "weights " + o.weightDifference() + ", losses " + o.lossDifference());
        assertEquals(o.referenceLosses()[0], o.candidateLosses()[0], "the first step's loss comes before any update");
        assertTrue(o.lossDifference() > 0, "later losses see the skewed updates");
        assertFalse(o.worstVariable().isEmpty());

        CheckResult r = TrainingCheck.judge(o, "cpu", "skewed-momentum", TrainingCheck.TOLERANCE, 1);
        assertFalse(r.ok());
        assertTrue(r.problem().startsWith("training resnet-18 on skewed-momentum drifts from cpu: relative difference losses "), r.problem());
        assertTrue(r.lines().get(0).contains("NOT within 0.001"), r.lines().get(0));
    }

    @Test
    void relativeDifferencesScaleByTheVariableAndCountNanAsTheWorst() {
        assertEquals(0.01, TrainingComparison.relativeDifference(new float[] {1, -2, 0}, new float[] {1, -2, 0.02f}), 1e-6);
        assertEquals(0.5, TrainingComparison.relativeDifference(new float[] {0, 0}, new float[] {0.5f, 0}), 1e-9);
        assertTrue(Double.isNaN(TrainingComparison.relativeDifference(new float[] {1, 2}, new float[] {Float.NaN, 2})));
        TrainingComparison.Outcome nan = new TrainingComparison.Outcome(null, new double[0], new double[0], 0, Double.NaN, "x");
        assertFalse(nan.within(1));
    }

    /** The simulated GPU with its momentum update's learning rate scaled: a device kernel with a bug. */
    private static final class SkewedMomentum implements Backend {
        private final SimulatedDeviceBackend device = new SimulatedDeviceBackend();
        private final double factor;

        SkewedMomentum(double factor) {
            this.factor = factor;
        }

        @Override
        public String name() {
            return "skewed-momentum";
        }

        @Override
        public Device.Kind deviceKind() {
            return device.deviceKind();
        }

        @Override
        public int priority() {
            return 0;
        }

        @Override
        public Storage allocate(DType dtype, int size) {
            return device.allocate(dtype, size);
        }

        @Override
        public Storage upload(HostStorage host) {
            return device.upload(host);
        }

        @Override
        public HostStorage download(Storage storage) {
            return device.download(storage);
        }

        @Override
        @SuppressWarnings("unchecked") // op is APPLY_MOMENTUM, so A is MomentumAttrs
        public <A> Kernel<A> kernel(OpDef<A> op) {
            if (op != OptimizerOps.APPLY_MOMENTUM) {
                return device.kernel(op);
            }
            Kernel<MomentumAttrs> update = device.kernel(OptimizerOps.APPLY_MOMENTUM);
            Kernel<MomentumAttrs> skewed = (a, in, out) -> update.run(new MomentumAttrs(a.learningRate() * factor, a.momentum(), a.nesterov()),
                    in, out);
            return (Kernel<A>) skewed;
        }
    }
}

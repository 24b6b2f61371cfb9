package dev.imgcls.train.loop;

import dev.imgcls.data.pipeline.Batch;
import dev.imgcls.kernels.testing.SimulatedDeviceBackend;
import dev.imgcls.kernels.testing.SimulatedDeviceBackend.Transfer;
import dev.imgcls.nn.Model;
import dev.imgcls.nn.ModelFactory;
import dev.imgcls.nn.Variable;
import dev.imgcls.nn.optim.AdamSettings;
import dev.imgcls.nn.optim.MomentumSettings;
import dev.imgcls.nn.optim.Optimizer;
import dev.imgcls.nn.optim.OptimizerSettings;
import dev.imgcls.nn.optim.RmsPropSettings;
import dev.imgcls.tensor.Autograd;
import dev.imgcls.tensor.Backends;
import dev.imgcls.tensor.DType;
import dev.imgcls.tensor.Device;
import dev.imgcls.tensor.Generator;
import dev.imgcls.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Training steps on a (simulated) GPU: the weights stay there, each step uploads its batch and
 * reads back only the two loss values, device memory does not grow from step to step, and the
 * numbers equal the CPU's with every optimizer.
 */
class DeviceTrainingStepTest {
    private static final int BATCH = 2;
    private static final int SIZE = 32;
    private static final int CLASSES = 5;

    @Test
    void aStepUploadsOnlyItsBatchAndReadsBackOnlyTheLosses() {
        SimulatedDeviceBackend gpu = new SimulatedDeviceBackend();
        try (Autograd.Scope device = Backends.use(gpu)) {
            Model model = model("resnet-18", SimulatedDeviceBackend.DEVICE);
            // Weight decay on: every decayed variable gets two gradient contributions (network and L2
            // term), whose partial sums must be released, not leaked, on a device.
            TrainingStep step = new TrainingStep(model, MomentumSettings.DEFAULTS.create(model.variables()), 0.1, 1e-4, 7);
            long liveAfterFirstStep = -1;
            for (int i = 0; i < 4; i++) {
                Batch batch = batch(i);
                gpu.clearTransfers();
                step.run(batch, i, 0.05);
                List<Transfer> expected = new ArrayList<>(List.of(new Transfer(DType.FLOAT32, BATCH * SIZE * SIZE * 3),
                        new Transfer(DType.INT32, BATCH)));
                if (i == 0) { // the input normalisation's mean and standard deviation, once
                    expected.addAll(List.of(new Transfer(DType.FLOAT32, 3), new Transfer(DType.FLOAT32, 3)));
                }
                assertEquals(expected, nonScalar(gpu.uploads()),
                        "step " + i + " uploads its images and labels, and otherwise only scalar constants");
                if (i > 0) { // the constants (BN's 1 − momentum, weight decay, the seed) stay on the device
                    assertEquals(expected, gpu.uploads(), "step " + i + " uploads nothing but its batch");
                }
                assertEquals(List.of(new Transfer(DType.FLOAT32, 1), new Transfer(DType.FLOAT32, 1)), gpu.downloads(),
                        "step " + i + " reads back the total and the cross-entropy loss only");
                long live = SimulatedDeviceBackend.liveStorages();
                if (i == 0) {
                    liveAfterFirstStep = live;
                } else {
                    assertEquals(liveAfterFirstStep, live, "device storages alive after step " + i);
                }
            }
            assertTrue(model.variables().stream().allMatch(v -> v.device().equals(SimulatedDeviceBackend.DEVICE)));
        }
    }

    @Test
    void efficientNetAlsoUploadsItsDropoutMasksDrawnOnTheHost() {
        SimulatedDeviceBackend gpu = new SimulatedDeviceBackend();
        try (Autograd.Scope device = Backends.use(gpu)) {
            Model model = model("efficientnet-b0", SimulatedDeviceBackend.DEVICE);
            TrainingStep step = new TrainingStep(model, MomentumSettings.DEFAULTS.create(model.variables()), 0.1, 1e-4, 7);
            gpu.clearTransfers();
            step.run(batch(0), 0, 0.05);
            List<Transfer> big = nonScalar(gpu.uploads());
            assertEquals(new Transfer(DType.FLOAT32, BATCH * SIZE * SIZE * 3), big.get(0));
            assertEquals(new Transfer(DType.INT32, BATCH), big.get(1));
            List<Transfer> masks = big.subList(4, big.size()); // after the batch and the normalisation constants
            Transfer dropConnect = new Transfer(DType.FLOAT32, BATCH);
            Transfer dropout = new Transfer(DType.FLOAT32, BATCH * 1280);
            assertTrue(masks.contains(dropConnect) && masks.contains(dropout), masks.toString());
            assertTrue(masks.stream().allMatch(m -> m.equals(dropConnect) || m.equals(dropout)), "only masks besides the batch: " + masks);
            assertEquals(2, gpu.downloads().size());
        }
    }

    @Test
    void everyOptimizerTrainsTheSameOnTheDeviceAsOnTheCpu() {
        for (OptimizerSettings settings : List.of(MomentumSettings.DEFAULTS, new MomentumSettings(0.9, true), AdamSettings.DEFAULTS,
                RmsPropSettings.DEFAULTS, new RmsPropSettings(0.9, 0.5, 1e-3, true))) {
            Trained cpu = train(settings, Device.CPU);
            Trained gpu;
            try (Autograd.Scope device = Backends.use(new SimulatedDeviceBackend())) {
                gpu = train(settings, SimulatedDeviceBackend.DEVICE);
            }
            // Bit for bit: the simulated device runs the CPU's own kernels.
            assertArrayEquals(cpu.losses(), gpu.losses(), settings.toString());
            for (int i = 0; i < cpu.values().size(); i++) {
                assertArrayEquals(cpu.values().get(i), gpu.values().get(i), settings + " " + cpu.names().get(i));
            }
        }
    }

    private record Trained(double[] losses, List<String> names, List<float[]> values) {
    }

    /** Three steps, then every variable and slot read back to the host. */
    private static Trained train(OptimizerSettings settings, Device device) {
        Model model = model("resnet-18", device);
        Optimizer optimizer = settings.create(model.variables());
        TrainingStep step = new TrainingStep(model, optimizer, 0.1, 1e-4, 7);
        double[] losses = new double[3];
        for (int i = 0; i < losses.length; i++) {
            losses[i] = step.run(batch(i), i, 0.05).total();
        }
        List<String> names = new ArrayList<>();
        List<float[]> values = new ArrayList<>();
        for (Variable v : model.variables()) {
            names.add(v.name());
            values.add(v.value().toFloatArray());
        }
        optimizer.state().forEach((name, t) -> {
            names.add(name);
            values.add(t.toFloatArray());
        });
        return new Trained(losses, names, values);
    }

    private static Model model(String type, Device device) {
        Model model = ModelFactory.create(type, CLASSES, 3);
        model.moveTo(device);
        return model;
    }

    /** A host batch, as the input pipeline gives one. */
    private static Batch batch(long seed) {
        Generator gen = new Generator(100 + seed);
        Tensor images = Tensor.randomUniform(gen, 0, 255, BATCH, SIZE, SIZE, 3);
        int[] labels = new int[BATCH];
        for (int i = 0; i < BATCH; i++) {
            labels[i] = (int) (gen.nextDouble() * CLASSES);
        }
        return new Batch(images, Tensor.ofInts(labels, BATCH), List.of());
    }

    private static List<Transfer> nonScalar(List<Transfer> transfers) {
        return transfers.stream().filter(t -> t.elements() != 1).toList();
    }
}

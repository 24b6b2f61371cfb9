package dev.imgcls.kernels.engine;

import dev.imgcls.kernels.cpu.CpuBackend;
import dev.imgcls.tensor.Backends;
import dev.imgcls.tensor.DType;
import dev.imgcls.tensor.Device;
import dev.imgcls.tensor.Generator;
import dev.imgcls.tensor.MemoryScope;
import dev.imgcls.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EngineBasicsTest {
    @Test
    void cpuBackendIsTheDefaultForTheCpuDevice() {
        assertEquals(CpuBackend.NAME, Backends.forDevice(Device.CPU).name());
    }

    @Test
    void philoxMatchesThePublishedKnownAnswer() {
        // Random123's kat_vectors: philox4x32-10 of counter 0 under key 0.
        Generator g = new Generator(0);
        assertEquals(0x6627e8d5, g.nextInt());
        assertEquals(0xe169c58d, g.nextInt());
        assertEquals(0xbc57ac4c, g.nextInt());
        assertEquals(0x9b00dbd8, g.nextInt());
    }

    @Test
    void generatorResumesFromItsPosition() {
        Generator a = new Generator(42);
        for (int i = 0; i < 7; i++) {
            a.nextInt();
        }
        Generator b = new Generator(42, a.position());
        assertEquals(a.nextFloat(), b.nextFloat());
        assertNotEquals(new Generator(1).nextInt(), new Generator(2).nextInt());
    }

    @Test
    void randomCreatorsHaveTheRequestedDistribution() {
        float[] n = Tensor.randomNormal(new Generator(3), 2, 3, 20000).toFloatArray();
        float[] t = Tensor.truncatedNormal(new Generator(4), 0, 1, 20000).toFloatArray();
        float[] u = Tensor.randomUniform(new Generator(5), -1, 1, 20000).toFloatArray();
        double mean = 0, var = 0;
        for (float v : n) {
            mean += v / n.length;
        }
        for (float v : n) {
            var += (v - mean) * (v - mean) / n.length;
        }
        assertEquals(2, mean, 0.1);
        assertEquals(9, var, 0.4);
        for (float v : t) {
            assertTrue(Math.abs(v) <= 2);
        }
        for (float v : u) {
            assertTrue(v >= -1 && v < 1);
        }
    }

    @Test
    void creationAndReadBack() {
        Tensor a = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertArrayEquals(new int[] {2, 3}, a.dims());
        assertEquals(DType.FLOAT32, a.dtype());
        assertArrayEquals(new int[] {3, 2}, a.reshape(3, -1).dims());
        assertTrue(a.reshape(6).sharesStorageWith(a));
        assertArrayEquals(new long[] {7, 8}, Tensor.ofLongs(new long[] {7, 8}, 2).toLongArray());
        assertArrayEquals(new int[] {255, 1}, Tensor.ofBytes(new byte[] {(byte) 255, 1}, 2).toIntArray());
        assertEquals(0, Tensor.zeros(DType.INT32, 3).toIntArray()[2]);
        assertThrows(IllegalArgumentException.class, () -> a.reshape(4, 2));
        assertThrows(IllegalArgumentException.class, () -> a.add(Tensor.ones(2, 2)));
    }

    @Test
    void memoryScopeReleasesTemporariesAndKeepsWhatIsKept() {
        Tensor param = Tensor.ones(4).requiresGrad(true);
        Tensor temp;
        Tensor kept;
        try (MemoryScope step = MemoryScope.open()) {
            temp = param.mul(param);
            Tensor view = temp.reshape(2, 2);
            kept = step.keep(temp.sum());
            temp.sum().backward();
            assertTrue(step.ownedCount() >= 2);
            assertFalse(view.isReleased());
        }
        assertTrue(temp.isReleased());
        assertFalse(kept.isReleased());
        assertFalse(param.grad().isReleased(), "leaf gradients outlive the step's scope");
        assertEquals(4, kept.item(), 0);
        assertThrows(IllegalStateException.class, temp::toFloatArray);
    }

    @Test
    void reshapeViewKeepsStorageAliveUntilLastUserReleases() {
        Tensor a = Tensor.ones(4);
        Tensor v = a.reshape(2, 2);
        a.release();
        assertFalse(v.isReleased());
        assertEquals(4, v.sum().item(), 0);
        v.release();
        assertTrue(v.isReleased());
    }
}

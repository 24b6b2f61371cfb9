package dev.imgcls.tensor;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BackendDiscoveryTest {
    @Test
    void aProviderThatCannotLoadIsSkippedAndTheOthersStillServe() {
        // META-INF/services of this test tree lists BrokenBackend before ArrayBackend.
        assertEquals(1, Backends.all().size(), "only the loadable provider remains: " + Backends.all());
        assertEquals("arrays", Backends.forDevice(Device.CPU).name());
        assertArrayEquals(new float[] {1, 2}, Tensor.of(new float[] {1, 2}, 2).toFloatArray());
        assertThrows(IllegalStateException.class, () -> Backends.forDevice(Device.cuda(0)));
    }

    @Test
    void anOpWithoutAKernelSaysWhichBackendLacksIt() {
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> Tensor.of(new float[] {1}, 1).add(Tensor.of(new float[] {2}, 1)));
        assertEquals("backend 'arrays' has no kernel for op 'add'", e.getMessage());
    }
}

package dev.imgcls.tensor.spi;

import dev.imgcls.tensor.DType;
import dev.imgcls.tensor.Device;
import dev.imgcls.tensor.Shape;
import dev.imgcls.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The door from a tensor to its storage, and that it is the only one. */
class TensorAccessTest {
    @Test
    void tensorsPublicSurfaceHasNoStorageAccessors() {
        List<String> leaks = new ArrayList<>();
        for (Method m : Tensor.class.getMethods()) {
            boolean spiType = isSpi(m.getReturnType());
            for (Class<?> p : m.getParameterTypes()) {
                spiType |= isSpi(p);
            }
            if (spiType) {
                leaks.add(m.toString());
            }
        }
        assertEquals(List.of(), leaks, "backend-only methods belong on TensorAccess, not on Tensor");
    }

    private static boolean isSpi(Class<?> c) {
        return c.getPackageName().equals(TensorAccess.class.getPackageName());
    }

    @Test
    void fromStorageWrapsWithoutCopyAndTakesOverTheReference() {
        float[] data = {1, 2, 3, 4, 5, 6};
        HostStorage h = HostStorage.wrap(data);
        Tensor t = TensorAccess.fromStorage(Shape.of(2, 3), h);
        assertSame(h, TensorAccess.storage(t));
        assertSame(data, TensorAccess.host(t).floats());
        assertArrayEquals(data, t.toFloatArray());
        t.release();
        assertTrue(h.isReleased(), "the tensor held the only reference");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TensorAccess.storage(t));
        assertTrue(e.getMessage().contains("was released"), e.getMessage());
    }

    @Test
    void fromStorageRejectsAStorageOfTheWrongSize() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TensorAccess.fromStorage(Shape.of(2, 2), HostStorage.wrap(new float[3])));
        assertEquals("storage of 3 elements for shape [2, 2]", e.getMessage());
    }

    @Test
    void hostOfADeviceTensorSaysWhereItLives() {
        Tensor t = TensorAccess.fromStorage(Shape.of(1), new DeviceOnly());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TensorAccess.host(t));
        assertEquals("tensor [1] lives on " + Device.cuda(0) + ", not in host memory", e.getMessage());
    }

    @Test
    void theBridgeCannotBeReplaced() {
        Tensor.zeros(1); // Tensor installs it when first initialised
        assertThrows(IllegalStateException.class, () -> TensorAccess.install(null));
    }

    /** A one-element storage that claims to be in device memory. */
    private static final class DeviceOnly implements Storage {
        private boolean released;

        @Override
        public DType dtype() {
            return DType.FLOAT32;
        }

        @Override
        public int size() {
            return 1;
        }

        @Override
        public Device device() {
            return Device.cuda(0);
        }

        @Override
        public void retain() {
        }

        @Override
        public void release() {
            released = true;
        }

        @Override
        public boolean isReleased() {
            return released;
        }
    }
}

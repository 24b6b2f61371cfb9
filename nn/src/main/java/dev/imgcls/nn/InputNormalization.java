package dev.imgcls.nn;

import dev.imgcls.tensor.Device;
import dev.imgcls.tensor.MemoryScope;
import dev.imgcls.tensor.Tensor;

/**
 * {@code (images − mean) / std} with the reference's per-channel constants on the images' device.
 * On the CPU the constants are built per call, as they always were (the SavedModel trace sees them
 * as literals). On another device they are uploaded once and kept, so that a GPU training step
 * uploads nothing but its batch.
 */
final class InputNormalization {
    private final float[] mean;
    private final float[] std;
    private Device device;
    private Tensor meanOnDevice;
    private Tensor stdOnDevice;

    InputNormalization(float[] mean, float[] std) {
        this.mean = mean.clone();
        this.std = std.clone();
    }

    Tensor apply(Tensor images) {
        Device d = images.device();
        if (d.kind() == Device.Kind.CPU) {
            return images.sub(Tensor.of(mean, mean.length)).div(Tensor.of(std, std.length));
        }
        if (!d.equals(device)) {
            upload(d);
        }
        return images.sub(meanOnDevice).div(stdOnDevice);
    }

    private void upload(Device d) {
        if (meanOnDevice != null) {
            meanOnDevice.release();
            stdOnDevice.release();
        }
        meanOnDevice = kept(Tensor.of(mean, mean.length).toDevice(d));
        stdOnDevice = kept(Tensor.of(std, std.length).toDevice(d));
        device = d;
    }

    /** Owned by no memory scope: the constants outlive the step that first needed them. */
    private static Tensor kept(Tensor t) {
        MemoryScope.detach(t);
        return t;
    }
}

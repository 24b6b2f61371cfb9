package dev.imgcls.export.savedmodel.trace;

import dev.imgcls.tensor.DType;
import dev.imgcls.tensor.Device;
import dev.imgcls.tensor.spi.Storage;

/**
 * Storage with a dtype and a size but no memory: the activations of a traced forward pass, whose
 * values are never computed. Reading one is a bug, so nothing here exposes data.
 */
final class SymbolicStorage implements Storage {
    private final DType dtype;
    private final int size;

    SymbolicStorage(DType dtype, int size) {
        this.dtype = dtype;
        this.size = size;
    }

    @Override
    public DType dtype() {
        return dtype;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Device device() {
        return Device.CPU;
    }

    /** Nothing to count: there is no memory to free. */
    @Override
    public void retain() {
    }

    @Override
    public void release() {
    }

    /** Never: a memory scope closing over the traced pass must not make later ops' inputs unusable. */
    @Override
    public boolean isReleased() {
        return false;
    }
}

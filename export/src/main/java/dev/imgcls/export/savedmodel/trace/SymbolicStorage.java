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
    private int refs = 1;

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

    @Override
    public synchronized void retain() {
        refs++;
    }

    @Override
    public synchronized void release() {
        if (refs > 0) {
            refs--;
        }
    }

    @Override
    public synchronized boolean isReleased() {
        // Views and later ops may still name a released activation; it has no memory to lose.
        return false;
    }
}

package dev.imgcls.tensor.spi;

import dev.imgcls.tensor.DType;
import dev.imgcls.tensor.Device;

/**
 * A backend's buffer. Several tensors may share one storage (reshape is a view), so storage is
 * reference counted: each tensor that uses it holds one reference and releases it once.
 */
public interface Storage {
    DType dtype();

    int size();

    Device device();

    /** Adds a reference; a tensor view calls this when it starts sharing the storage. */
    void retain();

    /** Drops a reference; the memory is freed (or returned to a pool) when the last one goes. */
    void release();

    boolean isReleased();
}

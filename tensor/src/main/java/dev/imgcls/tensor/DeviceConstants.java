package dev.imgcls.tensor;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Scalar constants on accelerator devices, uploaded once and reused: a training step multiplies
 * by the same few constants (batch norm's 1 − momentum, the weight decay, backward's seed 1)
 * every step, and on a GPU each fresh upload is a host-to-device copy that waits for the queued
 * work. Cached tensors belong to no memory scope and are never released; past
 * {@link #MAX_CACHED} distinct values (a caller feeding ever-changing numbers) further constants
 * are ordinary scope-owned uploads, so the cache cannot grow without bound.
 */
final class DeviceConstants {
    static final int MAX_CACHED = 256;

    private record Key(Device device, DType dtype, long bits) {
    }

    private static final Map<Key, Tensor> CACHE = new ConcurrentHashMap<>();

    private DeviceConstants() {
    }

    static Tensor scalar(Device device, DType dtype, double value) {
        Key key = new Key(device, dtype, Double.doubleToLongBits(value));
        Tensor cached = CACHE.get(key);
        if (cached != null && !cached.isReleased()) {
            return cached;
        }
        Tensor fresh = Tensor.full(dtype, value).toDevice(device);
        if (CACHE.size() >= MAX_CACHED) {
            return fresh;
        }
        MemoryScope.detach(fresh);
        Tensor winner = CACHE.merge(key, fresh, (old, mine) -> old.isReleased() ? mine : old);
        if (winner != fresh) {
            fresh.release();
        }
        return winner;
    }
}

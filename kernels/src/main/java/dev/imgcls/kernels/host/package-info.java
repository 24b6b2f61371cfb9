/**
 * What the two host backends (CPU and reference) share: {@link dev.imgcls.kernels.host.HostBackend}
 * (tensors in Java arrays on {@code Device.CPU}; upload and download are free, op outputs come
 * from the {@code HostArrayPool}), NumPy broadcasting index maths
 * ({@link dev.imgcls.kernels.host.Broadcast}), exact element access for every dtype
 * ({@link dev.imgcls.kernels.host.HostElements}) and dtype-generic array copies
 * ({@link dev.imgcls.kernels.host.TypedArrays}), so data-movement kernels are written once.
 *
 * <pre>{@code
 * TypedArrays.copy2d(src.array(), 0, cols, 1, dst.array(), 0, 1, rows, rows, cols); // transpose a rows×cols matrix
 * }</pre>
 *
 * <p>Invariants: storage is {@code HostStorage} (float[], double[], int[], long[] or byte[] by
 * dtype; UINT8 read unsigned), dense and row-major; a copy's source and destination arrays have the
 * same element type. INT64 values never pass through a double. These helpers hold no state and are
 * safe from any thread.
 *
 * <p>Tests: through the kernels that use them, in {@code kernels/src/test/java/dev/imgcls/kernels/ops}
 * ({@code ShapeOpsTest}, {@code SelectionOpsTest}, {@code CastOpsTest}, {@code ElementwiseOpsTest}
 * for broadcasting) and {@code engine/BackendCoverageTest}.
 */
package dev.imgcls.kernels.host;

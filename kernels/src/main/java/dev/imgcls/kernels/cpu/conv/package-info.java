/**
 * FLOAT32 2-D convolution for the CPU backend: forward, input gradient and filter gradient on
 * plain {@code float[]} arrays, entered through {@link dev.imgcls.kernels.cpu.conv.Conv2d} with a
 * {@code ConvOps.Geometry}. Three strategies, chosen per call from the geometry: depthwise
 * convolutions as direct loops vectorised over channels ({@link dev.imgcls.kernels.cpu.conv.Depthwise});
 * small padded images as one GEMM per filter tap ({@code TapwiseConv}); everything else as an
 * implicit GEMM whose im2col operand is gathered block by block, never materialised whole.
 *
 * <pre>{@code
 * Conv2d.forward(geometry, x, w, y, 0); // x NHWC, w HWIO, y NHWC (overwritten); 0 = whole pool
 * }</pre>
 *
 * <p>Invariants: x and y are NHWC, filters HWIO {@code [kh, kw, cin/groups, cout]} (depthwise:
 * {@code [kh, kw, 1, cin]}); padding and strides are TensorFlow's, resolved in the geometry.
 * Outputs are overwritten, never accumulated into; each output element is written by one thread
 * (the filter gradient sums per-thread partials at the end). {@code threads ≤ 0} means the whole
 * {@code Parallel} pool. Inputs are only read.
 *
 * <p>Tests: {@code kernels/src/test/java/dev/imgcls/kernels/cpu/conv} ({@code DepthwiseTest}:
 * the depthwise loops against the reference; {@code TapwiseConvTest}: when the tap-wise path is
 * chosen and that it covers every pixel once) and {@code ops/ConvOpsTest}
 * (conv2d and its gradients against the reference backend and finite differences).
 */
package dev.imgcls.kernels.cpu.conv;

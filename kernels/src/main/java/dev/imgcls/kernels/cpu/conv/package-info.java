/**
 * FLOAT32 2-D convolution for the CPU backend: forward, input gradient and filter gradient on
 * plain {@code float[]} arrays, entered through {@link dev.imgcls.kernels.cpu.conv.Conv2d} with a
 * {@code ConvOps.Geometry}. Four strategies, chosen per call from the geometry: depthwise
 * convolutions as direct loops vectorised over channels ({@link dev.imgcls.kernels.cpu.conv.Depthwise});
 * 3×3 stride-1 convolutions with at least 16 channels each way as Winograd F(2×2, 3×3): 16 GEMMs
 * over transformed tiles, 16 multiply-adds per 2×2 outputs and channel pair instead of 36
 * ({@code Winograd}; the rule, which needs the Vector API and a saving of a quarter of the multiply-adds, is
 * {@link dev.imgcls.kernels.cpu.conv.Conv2d#winograd}; {@code -Dimgcls.conv.winograd=false}
 * turns it off); small padded images as one GEMM per filter tap ({@code TapwiseConv}); everything
 * else as an implicit GEMM whose im2col operand is gathered block by block, never materialised whole.
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
 * chosen and that it covers every pixel once; {@code WinogradTest}: its three passes against the
 * reference and the direct paths, with the error bounds, and when it is chosen) and {@code ops/ConvOpsTest}
 * (conv2d and its gradients against the reference backend and finite differences).
 */
package dev.imgcls.kernels.cpu.conv;

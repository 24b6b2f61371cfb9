/**
 * Opt-in op-level profiling: {@link dev.imgcls.tensor.profile.OpProfiler} times every kernel run by
 * {@link dev.imgcls.tensor.OpDef#apply} and groups the totals by op name and
 * {@link dev.imgcls.tensor.profile.OpKind}, with FLOP counts for convolutions and matrix products.
 *
 * <pre>{@code
 * OpProfiler.start();
 * Tensor y = x.matmul(w).relu();
 * System.out.print(OpProfiler.stop().table());
 * }</pre>
 *
 * <p>Contract: each op declares its {@link dev.imgcls.tensor.profile.OpKind} and, where it does
 * dense math, its {@link dev.imgcls.tensor.profile.FlopRule} on its {@code OpDef}; nothing here is
 * keyed by op name. Profiling off costs one volatile read per op. One session is active per
 * process ({@code start} while one runs throws); ops dispatched from several threads are all
 * counted, but their times overlap. A kernel is timed on the thread that dispatches it.
 *
 * <p>Tests: {@code kernels/src/test/java/dev/imgcls/kernels/profile/OpProfilerTest} (it needs a
 * backend to run ops); {@code OpDeclarationTest} checks every op has a kind and a FLOP rule that
 * matches it.
 */
package dev.imgcls.tensor.profile;

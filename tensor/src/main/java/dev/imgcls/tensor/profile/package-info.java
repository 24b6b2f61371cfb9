/**
 * Opt-in op-level profiling: {@link dev.imgcls.tensor.profile.OpProfiler} times every kernel run by
 * {@link dev.imgcls.tensor.OpDef#apply} and groups the totals by op name and
 * {@link dev.imgcls.tensor.profile.OpKind}, with FLOP counts for convolutions and matrix products.
 */
package dev.imgcls.tensor.profile;

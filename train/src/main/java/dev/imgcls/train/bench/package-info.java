/**
 * {@code imgcls bench}: measures training-step or inference ({@code --mode=infer}) throughput of a model configuration on synthetic or
 * TFRecord data and reports where step time goes (op kinds, framework, GC), achieved GFLOP/s,
 * and memory. It prints no PyTorch figure: the side-by-side harness in the repository's sibling
 * folder ({@code ../shared/bench/peer/side-by-side.sh}) runs bench and PyTorch on one machine for a
 * ratio. Tests: {@code train/src/test/java/dev/imgcls/train/bench/}.
 */
package dev.imgcls.train.bench;

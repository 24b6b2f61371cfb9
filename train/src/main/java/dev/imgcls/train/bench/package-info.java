/**
 * {@code imgcls bench}: measures training-step throughput of a model configuration on synthetic or
 * TFRecord data and reports where step time goes (op kinds, framework, GC), achieved GFLOP/s,
 * memory, and the ratio to the PyTorch number measured on the same machine kind.
 */
package dev.imgcls.train.bench;

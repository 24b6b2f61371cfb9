package dev.imgcls.train.bench;

import dev.imgcls.tensor.Tensor;

/** One step's input: NHWC float images {@code [B, S, S, 3]} and INT32 class indices {@code [B]}. */
record StepBatch(Tensor images, Tensor labels) {
}

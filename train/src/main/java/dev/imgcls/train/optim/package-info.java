/**
 * TF1's Momentum, Adam and RMSProp optimizers with their exact update formulas and slot initial
 * values (seed-spec §2.5), slots named as TF names them so checkpoints interoperate, and the
 * training loss (label-smoothed softmax cross entropy plus L2 weight decay).
 *
 * <p>One training step:
 * <pre>{@code
 * Optimizer opt = settings.create(model.trainableVariables());
 * try (MemoryScope step = MemoryScope.open()) {
 *     TrainingLoss loss = TrainingLoss.compute(model.forward(images, mode), labels, smoothing, decay, model.variables());
 *     loss.total().backward();
 *     opt.apply(schedule.at(globalStep));
 * }
 * }</pre>
 */
package dev.imgcls.train.optim;

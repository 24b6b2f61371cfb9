/**
 * TF1's Momentum, Adam and RMSProp optimizers with their exact update formulas and slot initial
 * values (seed-spec §2.5), slots named as TF names them so checkpoints interoperate. Momentum 0 is
 * plain SGD.
 *
 * <p>One training step ({@code apply} writes the new values into the {@link dev.imgcls.nn.Variable}s
 * and consumes their gradients, so nothing needs keeping out of the step's scope):
 * <pre>{@code
 * Optimizer opt = new MomentumSettings(0.9, false).create(variables);
 * try (MemoryScope step = MemoryScope.open()) {
 *     Tensor loss = lossOf(model, batch);
 *     loss.backward();
 *     opt.apply(schedule.at(opt.iterations()));
 * }
 * }</pre>
 */
package dev.imgcls.nn.optim;

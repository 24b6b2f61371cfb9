/**
 * The {@code imgcls} jar: the built-in image classification algorithm's training job and the tools
 * around it.
 * <ul>
 *   <li>{@link dev.imgcls.train.command}: the entry point {@code Main} and one {@code Command} per
 *       word ({@code train}, the default when the first argument is a flag, as AI Platform invokes
 *       it; {@code make-tfrecords}, {@code predict}, {@code inspect}, {@code tune}, {@code bench},
 *       {@code demo}, {@code engine}, {@code doctor}), the only {@code main} and the only code that reads flags;</li>
 *   <li>{@link dev.imgcls.train.cli}: the one flag parser of every command, and the reference
 *       page's arguments, parsed into a {@code TrainingConfig} or rejected before any work;</li>
 *   <li>{@link dev.imgcls.train.loop}: the job itself (checks, resume, training steps on the CPU
 *       or a GPU, evaluation, checkpoints, best-model export, the job directory's lock and
 *       clean-up), with {@link dev.imgcls.train.optim} (the loss), the library's
 *       {@link dev.imgcls.nn.optim} optimizers and {@link dev.imgcls.nn.schedule} learning rates;</li>
 *   <li>{@link dev.imgcls.train.predict}: our own inference on an exported model (export's
 *       SavedModel through data's eval preprocessing), for {@code predict} and {@code demo};</li>
 *   <li>{@link dev.imgcls.train.events}, {@link dev.imgcls.train.metrics},
 *       {@link dev.imgcls.train.progress}: what a job reports (TensorBoard events, the tuning
 *       metric file and {@code final_metrics.json}, console lines);</li>
 *   <li>{@link dev.imgcls.train.bench}: training throughput; {@link dev.imgcls.train.demo}: the
 *       demo's made-up data set; {@link dev.imgcls.train.doctor}: the GPU machine's self-check.</li>
 * </ul>
 * Hyperparameter studies are the {@code imgcls-tune} module ({@code dev.imgcls.tune}), which runs
 * each trial as a process of this jar; {@code command} only parses its flags.
 * Invariants: every random stream of a job is a function of its seed and the step
 * ({@code loop.StepSeeds}), so a job stopped and run again on the same {@code --job-dir} continues
 * exactly as if it had not stopped; one trainer per job directory; a failure is one line saying
 * what went wrong and what to do, the Java details only with {@code IMGCLS_DEBUG=1}.
 *
 * <p>Tests: {@code train/src/test/java/dev/imgcls/train/<package>/}. The device path (model,
 * slots and step on a GPU) is tested on {@code dev.imgcls.kernels.testing.SimulatedDeviceBackend}
 * (from kernels' test-jar), a CUDA-kind backend on the CPU's kernels that counts transfers, so it
 * needs no GPU.
 */
package dev.imgcls.train;

/**
 * Files for every module that reads or writes them ({@code data}, {@code export}, {@code train}):
 * one {@link dev.imgcls.io.FileSystem} interface over the local disk and Google Cloud Storage,
 * chosen per path by {@link dev.imgcls.io.FileSystems#forPath} ({@code gs://bucket/...} goes to
 * {@link dev.imgcls.io.GcsFileSystem} through google-cloud-storage, anything else to
 * {@link dev.imgcls.io.LocalFileSystem}). It knows nothing of tensors, records or models.
 *
 * <ul>
 *   <li>Reading: streaming {@code openRead}, {@code size}, {@code list}, {@code exists}, and
 *       {@code glob} with {@code tf.io.gfile.glob} patterns ({@link dev.imgcls.io.GlobPattern}) as
 *       users pass them in {@code --training_data_path}; a pattern matching nothing is a
 *       {@code NoSuchFileException} naming it.</li>
 *   <li>Atomic writes: {@link dev.imgcls.io.AtomicOutputStream} makes a file visible, complete, only
 *       at {@code commit()}; closing without it leaves the previous state (no file, or the old
 *       content), never a torn file. Locally the bytes go to a hidden temporary beside the target
 *       ({@link dev.imgcls.io.TemporaryNames}: {@code .NAME.RANDOM.tmp}, never matched by
 *       {@code train-*}, recognisable so a later run can remove what a killed one left), are forced
 *       to disk and renamed over the target in the same directory. On GCS a finalized upload
 *       replaces the object's generation atomically and an unfinalized one creates nothing. A
 *       sequence of files (a checkpoint, a model version) is not atomic as a whole: callers order
 *       their commits and name the instants in between as {@link dev.imgcls.io.FaultPoints}.</li>
 *   <li>Permissions: local files and folders are created with plain creates, so they get 0666 /
 *       0777 less the process umask like any Unix tool's output (not {@code createTempFile}'s
 *       owner-only mode, which a rename would carry onto the published file).</li>
 *   <li>{@link dev.imgcls.io.FaultPoints}: named instants inside writes where the fault-injection
 *       suite crashes the JVM or fails a write with a full disk ({@code -Dimgcls.faults=...}); free
 *       when unset.</li>
 *   <li>{@link dev.imgcls.io.IoErrorText}: an {@code IOException} as one line for the user, naming
 *       the file ({@code jobs/x: permission denied}), without Java class names.</li>
 *   <li>{@link dev.imgcls.io.Crc32c}: CRC-32C and TensorFlow's masked form, shared by TFRecord
 *       framing ({@code data}), the tensor bundle ({@code export}) and event files ({@code train}).</li>
 * </ul>
 *
 * <p>Tests: {@code io/src/test/java/dev/imgcls/io/}. GCS is tested through the real client against
 * {@code FakeGcsServer}, a JSON-API server on localhost; {@code FakeGcs} wraps it for other modules'
 * tests and ships in this module's test jar ({@code data} uses it for TFRecords and
 * {@code make-tfrecords} on {@code gs://}).
 */
package dev.imgcls.io;

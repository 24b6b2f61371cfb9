/**
 * One {@link dev.imgcls.data.fs.FileSystem} interface over the local disk and Google Cloud
 * Storage, chosen per path by {@link dev.imgcls.data.fs.FileSystems#forPath}: streaming reads,
 * atomic writes ({@link dev.imgcls.data.fs.AtomicOutputStream}), and {@code tf.io.gfile.glob}
 * patterns ({@link dev.imgcls.data.fs.GlobPattern}) as users pass them in
 * {@code --training_data_path}.
 */
package dev.imgcls.data.fs;

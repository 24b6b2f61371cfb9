/**
 * The data side of the trainer. Built so far:
 * <ul>
 *   <li>{@link dev.imgcls.data.tfrecord}: TFRecord files (CRC-checked framing, GZIP/ZLIB);</li>
 *   <li>{@link dev.imgcls.data.example}: the image tf.Examples in them ({@code image/encoded},
 *       {@code image/class/label}) and a builder for converters;</li>
 *   <li>{@link dev.imgcls.data.fs}: local and {@code gs://} files, {@code tf.io.gfile.glob}
 *       patterns, atomic writes;</li>
 *   <li>{@code dev.imgcls.data.proto}: Java generated at build time from {@code src/main/proto}.</li>
 * </ul>
 * Image decoding, preprocessing and the input pipeline build on these.
 */
package dev.imgcls.data;

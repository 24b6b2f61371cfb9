/**
 * The data side of the trainer, reading and writing through the file systems of {@code dev.imgcls.io}:
 * <ul>
 *   <li>{@link dev.imgcls.data.tfrecord}: TFRecord files (CRC-checked framing, GZIP/ZLIB);</li>
 *   <li>{@link dev.imgcls.data.example}: the image tf.Examples in them ({@code image/encoded},
 *       {@code image/class/label}) and a builder for converters;</li>
 *   <li>{@link dev.imgcls.data.image}: decoding JPEG (our own decoder, matching TF's DecodeJpeg),
 *       PNG, GIF and BMP to RGB;</li>
 *   <li>{@link dev.imgcls.data.preprocess}: the reference train and eval preprocessing;</li>
 *   <li>{@link dev.imgcls.data.pipeline}: the deterministic parallel input pipeline and label
 *       validation;</li>
 *   <li>{@link dev.imgcls.data.convert}: {@code make-tfrecords}, folders or CSV to TFRecords;</li>
 *   <li>{@link dev.imgcls.data.inspect}: what {@code inspect} says about a TFRecord file;</li>
 *   <li>{@code dev.imgcls.data.proto}: Java generated at build time from {@code src/main/proto}.</li>
 * </ul>
 */
package dev.imgcls.data;

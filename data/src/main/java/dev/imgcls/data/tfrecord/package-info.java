/**
 * TFRecord files as TensorFlow reads and writes them (tf-formats.md §1): {@link
 * dev.imgcls.data.tfrecord.TFRecordReader} streams records one at a time and checks every CRC,
 * {@link dev.imgcls.data.tfrecord.TFRecordWriter} writes them, atomically when writing a file;
 * {@link dev.imgcls.data.tfrecord.Compression} is TensorFlow's {@code compression_type}. Readers
 * and writers are not thread-safe: give each thread its own.
 */
package dev.imgcls.data.tfrecord;

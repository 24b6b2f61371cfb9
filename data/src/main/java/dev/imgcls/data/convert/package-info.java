/**
 * {@code make-tfrecords} ({@link dev.imgcls.data.convert.MakeTfRecords}): a folder of class folders,
 * a {@code path,label} CSV or an IDX images/labels pair (MNIST, Fashion-MNIST) to sharded
 * train/validation TFRecords and {@code labels.txt}, local or on Cloud Storage ({@link dev.imgcls.data.convert.DatasetConverter}).
 */
package dev.imgcls.data.convert;

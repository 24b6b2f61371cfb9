/** TFRecord, tf.Example, file systems, image decoding and the input pipeline; filled by the data issue. */
package dev.imgcls.data;

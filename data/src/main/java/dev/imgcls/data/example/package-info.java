/**
 * tf.Example records of image classification data sets: {@link
 * dev.imgcls.data.example.ImageExampleParser} takes out the image bytes and label the trainer
 * uses, {@link dev.imgcls.data.example.ImageExampleBuilder} writes the keys converters write.
 */
package dev.imgcls.data.example;

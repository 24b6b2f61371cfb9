/**
 * The reference (tensorflow/tpu r1.14) input preprocessing: random distorted-box crop, legacy
 * bicubic resize and random flip for training, centre crop and bicubic resize for evaluation,
 * writing float HWC pixels in [0, 255] (not normalized: the model does that) straight into a
 * caller's batch buffer. See {@link dev.imgcls.data.preprocess.ImagePreprocessor}.
 */
package dev.imgcls.data.preprocess;

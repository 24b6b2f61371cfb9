/** TensorFlow checkpoint bundles and SavedModel export. */
package dev.imgcls.export;

/** TensorFlow checkpoint bundles and SavedModel export; filled by the export issue. */
package dev.imgcls.export;

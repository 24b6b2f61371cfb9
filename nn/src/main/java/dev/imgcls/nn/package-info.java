/** Layers and models (ResNet, EfficientNet) built on the tensor op set; filled by the models issue. */
package dev.imgcls.nn;

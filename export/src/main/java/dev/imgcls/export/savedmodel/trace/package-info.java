/**
 * Recording a model's evaluation forward pass as a list of engine ops, without computing it, by
 * running {@code Model.forward} on a backend whose kernels record instead of compute and whose
 * activations have no memory.
 */
package dev.imgcls.export.savedmodel.trace;

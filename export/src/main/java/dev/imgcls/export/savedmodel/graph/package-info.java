/**
 * Building TensorFlow GraphDefs and FunctionDefs: scopes that name nodes and spell output
 * references ({@code "node:k"} in a graph, {@code "node:arg:k"} in a function body), attribute
 * and tensor constructors, and the ops the export writes with their attributes.
 */
package dev.imgcls.export.savedmodel.graph;

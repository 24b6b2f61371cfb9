package dev.imgcls.export.onnx;

import dev.imgcls.tensor.Shape;

/**
 * A value of the ONNX graph: its name, the shape the engine gives the traced value (NHWC for
 * images and feature maps), and whether this rank-4 value is stored NCHW, as ONNX's Conv,
 * pooling and BatchNormalization want it, rather than in the engine's order.
 */
record OnnxValue(String name, Shape shape, boolean nchw) {
    OnnxValue {
        if (nchw && shape.rank() != 4) {
            throw new IllegalArgumentException("only a rank-4 value can be NCHW, not " + shape);
        }
    }
}

package dev.imgcls.tensor;

/** Shape and dtype of a tensor, without data: what shape rules consume and produce. */
public record TensorSpec(Shape shape, DType dtype) {
    public static TensorSpec of(DType dtype, int... dims) {
        return new TensorSpec(Shape.of(dims), dtype);
    }
}

package dev.imgcls.export.savedmodel.trace;

import dev.imgcls.nn.Variable;
import dev.imgcls.tensor.DType;
import dev.imgcls.tensor.Shape;

/** What an input of a traced op is. */
public sealed interface TraceValue {
    Shape shape();

    DType dtype();

    /** The batch of images the model was called with. */
    record Images(Shape shape, DType dtype) implements TraceValue {
    }

    /** Output {@code output} of traced op number {@code op}. */
    record OpOutput(int op, int output, Shape shape, DType dtype) implements TraceValue {
    }

    /** A model variable's value, possibly seen through a reshape ({@code shape} may differ from the variable's). */
    record VariableValue(Variable variable, Shape shape, DType dtype) implements TraceValue {
    }

    /** A constant the model made during the pass (e.g. the normalisation mean), with its values. */
    record Literal(float[] values, Shape shape, DType dtype) implements TraceValue {
    }

    /** A reshape (a view, which runs no kernel) of an activation. */
    record Reshaped(TraceValue source, Shape shape, DType dtype) implements TraceValue {
    }
}

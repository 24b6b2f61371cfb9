package dev.imgcls.train.doctor;

import dev.imgcls.tensor.DType;
import dev.imgcls.tensor.Generator;
import dev.imgcls.tensor.OpDef;
import dev.imgcls.tensor.Tensor;

/**
 * One self-check of one op: its attributes, how to draw its inputs, and how close the candidate's
 * outputs must come to the reference's.
 *
 * @param op the op under check
 * @param label what the inputs cannot say by their shapes (attributes, "ties", "large logits"); may be empty
 * @param attrs the op's attribute record
 * @param inputs draws the inputs on the host; both backends get the same values
 * @param tolerance for every floating output (integer outputs are compared exactly)
 * @param <A> the op's attribute record type
 */
public record OpCase<A>(OpDef<A> op, String label, A attrs, Inputs inputs, Tolerance tolerance) {
    /** Draws a case's inputs from a seeded generator, as CPU tensors (derived inputs may run ops on the CPU). */
    @FunctionalInterface
    public interface Inputs {
        Tensor[] draw(Generator gen);
    }

    /** A case, its input draw last (the lambda reads best at the end of a catalogue line). */
    public static <A> OpCase<A> of(OpDef<A> op, String label, A attrs, Tolerance tolerance, Inputs inputs) {
        return new OpCase<>(op, label, attrs, inputs, tolerance);
    }

    /** The case's name once its inputs are drawn: the label and each input's shape, with its dtype unless FLOAT32. */
    public String describe(Tensor[] drawn) {
        StringBuilder b = new StringBuilder(label);
        for (Tensor t : drawn) {
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(Shapes.compact(t.dims()));
            if (t.dtype() != DType.FLOAT32) {
                b.append(' ').append(Shapes.dtypeName(t.dtype()));
            }
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return op.name() + (label.isEmpty() ? "" : " " + label);
    }
}

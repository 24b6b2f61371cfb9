package dev.imgcls.tensor.spi;

import dev.imgcls.tensor.Tensor;

/**
 * One backend's implementation of one op. Outputs arrive allocated with the shapes and dtypes the
 * op's shape rule gave but unspecified contents (host backends recycle released arrays; the test
 * build fills them with NaN), so the kernel must write every element of them.
 *
 * @param <A> the op's attribute record
 */
@FunctionalInterface
public interface Kernel<A> {
    void run(A attrs, Tensor[] inputs, Tensor[] outputs);
}

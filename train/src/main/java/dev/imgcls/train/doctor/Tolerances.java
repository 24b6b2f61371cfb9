package dev.imgcls.train.doctor;

/**
 * The self-check's tolerances, one per kind of arithmetic, each with the reason for its size.
 * Inputs of sums are scaled so that outputs are of order 1 ({@link Draws#scaled}), so an absolute
 * part reads as a fraction of the output's scale.
 */
final class Tolerances {
    private Tolerances() {
    }

    static final Tolerance DATA = Tolerance.exact("moves, selects or converts values: nothing is rounded");

    static final Tolerance IEEE = Tolerance.exact("one IEEE-754 operation per element (+, −, ×, max, compare): every backend rounds it alike");

    static final Tolerance DIVISION = new Tolerance(0, 1e-6, "a backend may divide through the reciprocal (1–2 ulp)");

    static final Tolerance ROOTS = new Tolerance(0, 1e-6, "sqrt is correctly rounded everywhere; rsqrt may be a 2-ulp approximation");

    static final Tolerance TRANSCENDENTAL = new Tolerance(1e-6, 1e-5,
            "exp, log, tanh and erf differ by a few ulp between the JDK, the Vector API loops and CUDA's math library");

    static final Tolerance SUM = new Tolerance(1e-5, 1e-5, "each backend adds in its own order (sequential, pairwise, tree)");

    static final Tolerance WINDOW_SUM = new Tolerance(1e-6, 1e-5, "a few values per window or overlap, added in backend order");

    static final Tolerance MATMUL = new Tolerance(5e-5, 1e-4, "cuBLAS and the CPU's GEMM split and order the dot products differently");

    static final Tolerance CONV = new Tolerance(4e-4, 1e-4,
            "cuDNN picks its own algorithm (implicit GEMM, Winograd, FFT); 4e-4 is the op suite's 1e-4 of an output's largest value");

    static final Tolerance NORM = new Tolerance(1e-4, 1e-4, "batch statistics summed in backend order, then through rsqrt (cuDNN's own kernels)");

    static final Tolerance SOFTMAX = new Tolerance(1e-6, 1e-5, "exp of the shifted logits and the row sum, in backend order");

    static final Tolerance LOSS = new Tolerance(1e-5, 1e-5, "a log of a row sum of exps, or a sum over the whole tensor");

    static final Tolerance OPTIMIZER = new Tolerance(1e-6, 1e-5,
            "each step rounds to float in the op's order (no fused multiply-add), leaving sqrt and division ulps");
}

package dev.imgcls.kernels.cpu;

/**
 * One FLOAT32 binary op as loops over a run of n outputs {@code y[yo, yo+n)}: both operands
 * contiguous, or one of them a single value repeated along the run (a broadcast axis); plus
 * whole rows against one repeated row. Each op
 * has its own loop bodies, so C2 compiles each without a call per element and vectorises it.
 */
interface BinaryLoops {
    void both(float[] a, int ao, float[] b, int bo, float[] y, int yo, int n);

    void rightScalar(float[] a, int ao, float b, float[] y, int yo, int n);

    void leftScalar(float a, float[] b, int bo, float[] y, int yo, int n);

    /**
     * Rows [from, to) of {@code [rows, len]}: y[r·len + j] = f(a[r·len + j], b[j]), b one row
     * repeated (a bias or per-channel scale), in one call for many short rows.
     */
    void repeatedRows(float[] a, float[] b, float[] y, int from, int to, int len);

    BinaryLoops ADD = new BinaryLoops() {
        @Override
        public void both(float[] a, int ao, float[] b, int bo, float[] y, int yo, int n) {
            for (int i = 0; i < n; i++) {
                y[yo + i] = a[ao + i] + b[bo + i];
            }
        }

        @Override
        public void rightScalar(float[] a, int ao, float b, float[] y, int yo, int n) {
            for (int i = 0; i < n; i++) {
                y[yo + i] = a[ao + i] + b;
            }
        }

        @Override
        public void leftScalar(float a, float[] b, int bo, float[] y, int yo, int n) {
            for (int i = 0; i < n; i++) {
                y[yo + i] = a + b[bo + i];
            }
        }

        @Override
        public void repeatedRows(float[] a, float[] b, float[] y, int from, int to, int len) {
            for (int r = from; r < to; r++) {
                int base = r * len;
                for (int j = 0; j < len; j++) {
                    y[base + j] = a[base + j] + b[j];
                }
            }
        }
    };

    BinaryLoops SUB = new BinaryLoops() {
        @Override
        public void both(float[] a, int ao, float[] b, int bo, float[] y, int yo, int n) {
            for (int i = 0; i < n; i++) {
                y[yo + i] = a[ao + i] - b[bo + i];
            }
        }

        @Override
        public void rightScalar(float[] a, int ao, float b, float[] y, int yo, int n) {
            for (int i = 0; i < n; i++) {
                y[yo + i] = a[ao + i] - b;
            }
        }

        @Override
        public void leftScalar(float a, float[] b, int bo, float[] y, int yo, int n) {
            for (int i = 0; i < n; i++) {
                y[yo + i] = a - b[bo + i];
            }
        }

        @Override
        public void repeatedRows(float[] a, float[] b, float[] y, int from, int to, int len) {
            for (int r = from; r < to; r++) {
                int base = r * len;
                for (int j = 0; j < len; j++) {
                    y[base + j] = a[base + j] - b[j];
                }
            }
        }
    };

    BinaryLoops MUL = new BinaryLoops() {
        @Override
        public void both(float[] a, int ao, float[] b, int bo, float[] y, int yo, int n) {
            for (int i = 0; i < n; i++) {
                y[yo + i] = a[ao + i] * b[bo + i];
            }
        }

        @Override
        public void rightScalar(float[] a, int ao, float b, float[] y, int yo, int n) {
            for (int i = 0; i < n; i++) {
                y[yo + i] = a[ao + i] * b;
            }
        }

        @Override
        public void leftScalar(float a, float[] b, int bo, float[] y, int yo, int n) {
            for (int i = 0; i < n; i++) {
                y[yo + i] = a * b[bo + i];
            }
        }

        @Override
        public void repeatedRows(float[] a, float[] b, float[] y, int from, int to, int len) {
            for (int r = from; r < to; r++) {
                int base = r * len;
                for (int j = 0; j < len; j++) {
                    y[base + j] = a[base + j] * b[j];
                }
            }
        }
    };

    BinaryLoops DIV = new BinaryLoops() {
        @Override
        public void both(float[] a, int ao, float[] b, int bo, float[] y, int yo, int n) {
            for (int i = 0; i < n; i++) {
                y[yo + i] = a[ao + i] / b[bo + i];
            }
        }

        @Override
        public void rightScalar(float[] a, int ao, float b, float[] y, int yo, int n) {
            // A division per element, not a multiplication by 1/b: the result must match a / b exactly.
            for (int i = 0; i < n; i++) {
                y[yo + i] = a[ao + i] / b;
            }
        }

        @Override
        public void leftScalar(float a, float[] b, int bo, float[] y, int yo, int n) {
            for (int i = 0; i < n; i++) {
                y[yo + i] = a / b[bo + i];
            }
        }

        @Override
        public void repeatedRows(float[] a, float[] b, float[] y, int from, int to, int len) {
            for (int r = from; r < to; r++) {
                int base = r * len;
                for (int j = 0; j < len; j++) {
                    y[base + j] = a[base + j] / b[j];
                }
            }
        }
    };
}

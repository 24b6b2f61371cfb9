package dev.imgcls.kernels.bench;

import dev.imgcls.kernels.cpu.gemm.Sgemm;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.SplittableRandom;

/**
 * C = A·B in FLOAT32, row-major, overwriting C: the square 1024³ case, the im2col shape of
 * ResNet's stem (12544 output pixels × 64 filters × 7·7·3 taps) and of a 3×3 64→64 layer at 56×56
 * (batch 10: 31360 pixels × 64 × 576). Secondary result "gflops" is GFLOP/s (2·M·N·K per call).
 * The register tile is the one chosen for the CPU; compare the two with
 * {@code -jvmArgsAppend -Dimgcls.gemm.vectors=2} and {@code =4}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx4g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SgemmBenchmark {
    /** M×N×K. */
    @Param({"1024x1024x1024", "12544x64x147", "31360x64x576"})
    public String shape;

    /** Threads the GEMM may use (capped by the CPU pool's size). */
    @Param({"1", "2"})
    public int threads;

    private int m;
    private int n;
    private int k;
    private float[] a;
    private float[] b;
    private float[] c;

    @Setup
    public void setup() {
        String[] parts = shape.split("x");
        m = Integer.parseInt(parts[0]);
        n = Integer.parseInt(parts[1]);
        k = Integer.parseInt(parts[2]);
        a = random(m * k, 1);
        b = random(k * n, 2);
        c = new float[m * n];
    }

    static float[] random(int size, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] v = new float[size];
        for (int i = 0; i < size; i++) {
            v[i] = (float) (rnd.nextDouble() * 2 - 1);
        }
        return v;
    }

    @Benchmark
    public float[] sgemm(GflopCounter flops) {
        Sgemm.multiply(false, false, m, n, k, a, 0, k, b, 0, n, c, 0, n, false, threads);
        flops.add(2.0 * m * n * k);
        return c;
    }
}

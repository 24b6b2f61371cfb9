package dev.imgcls.kernels.bench;

import dev.imgcls.kernels.cpu.conv.Conv2d;
import dev.imgcls.tensor.Shape;
import dev.imgcls.tensor.ops.ConvOps.Conv2dAttrs;
import dev.imgcls.tensor.ops.ConvOps.Geometry;
import dev.imgcls.tensor.ops.Padding;
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

/**
 * conv2d forward, input gradient and filter gradient on ResNet-50 layer shapes (NHWC, FLOAT32,
 * batch given by {@code batch}), straight on the CPU kernels with preallocated arrays. Secondary
 * result "gflops" is GFLOP/s at 2·N·OH·OW·Cout·KH·KW·Cin/g per pass.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx8g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class ConvBenchmark {
    /**
     * name = input H·W·Cin, filter K×K, Cout, stride: the stem (7×7/2, 3→64 @224, explicit pad
     * 3), a bottleneck 3×3 (64→64 @56), a bottleneck 1×1 reduce (256→64 @56), a strided 3×3
     * (128→128 @56→28), and a 3×3 512→512 on a 2×2 map, mostly padding (run with -p batch=128 for
     * ResNet-18 at 64×64).
     */
    @Param({"stem7x7s2_3to64_224", "conv3x3_64to64_56", "conv1x1_256to64_56", "conv3x3s2_128to128_56", "conv3x3_512to512_2"})
    public String layer;

    @Param({"32"})
    public int batch;

    /** Threads (capped by the CPU pool). */
    @Param({"2"})
    public int threads;

    private Geometry geo;
    private float[] x;
    private float[] w;
    private float[] y;
    private float[] dx;
    private float[] dw;
    private double flops;

    @Setup
    public void setup() {
        int h;
        int cin;
        int k;
        int cout;
        int stride;
        Padding pad = Padding.SAME;
        switch (layer) {
            case "stem7x7s2_3to64_224" -> {
                h = 224; cin = 3; k = 7; cout = 64; stride = 2;
                pad = Padding.explicit(3, 3, 3, 3);
            }
            case "conv3x3_64to64_56" -> {
                h = 56; cin = 64; k = 3; cout = 64; stride = 1;
            }
            case "conv1x1_256to64_56" -> {
                h = 56; cin = 256; k = 1; cout = 64; stride = 1;
            }
            case "conv3x3s2_128to128_56" -> {
                h = 56; cin = 128; k = 3; cout = 128; stride = 2;
            }
            case "conv3x3_512to512_2" -> { // ResNet-18's last stage at 64×64 input: the tap-wise path
                h = 2; cin = 512; k = 3; cout = 512; stride = 1;
            }
            default -> throw new IllegalArgumentException("unknown layer " + layer);
        }
        Shape xs = Shape.of(batch, h, h, cin);
        Shape ws = Shape.of(k, k, cin, cout);
        geo = new Conv2dAttrs(stride, stride, pad, 1).geometry(xs, ws);
        x = SgemmBenchmark.random(xs.numel(), 1);
        w = SgemmBenchmark.random(ws.numel(), 2);
        y = SgemmBenchmark.random(geo.outputShape().numel(), 3);
        dx = new float[x.length];
        dw = new float[w.length];
        flops = 2.0 * geo.macs();
    }

    @Benchmark
    public float[] forward(GflopCounter counter) {
        Conv2d.forward(geo, x, w, y, threads);
        counter.add(flops);
        return y;
    }

    @Benchmark
    public float[] backwardInput(GflopCounter counter) {
        Conv2d.backwardInput(geo, y, w, dx, threads);
        counter.add(flops);
        return dx;
    }

    @Benchmark
    public float[] backwardFilter(GflopCounter counter) {
        Conv2d.backwardFilter(geo, x, y, dw, threads);
        counter.add(flops);
        return dw;
    }
}

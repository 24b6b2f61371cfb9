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
 * Depthwise 3×3 convolution, stride {@code stride}, SAME, on EfficientNet-B0's second block shape
 * (96 channels at 112×112, batch 8): forward and both gradients. "gflops" = GFLOP/s at
 * 2·N·OH·OW·C·9 per pass.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx4g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class DepthwiseBenchmark {
    @Param({"8"})
    public int batch;

    @Param({"96"})
    public int channels;

    @Param({"112"})
    public int size;

    @Param({"1", "2"})
    public int stride;

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
        Shape xs = Shape.of(batch, size, size, channels);
        Shape ws = Shape.of(3, 3, 1, channels);
        geo = new Conv2dAttrs(stride, stride, Padding.SAME, channels).geometry(xs, ws);
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

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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Winograd F(2×2, 3×3) against the direct paths (im2col, or tap-wise on the 7×7 map) on
 * ResNet-18's 3×3 stride-1 layers at 224×224, NHWC FLOAT32: forward, input gradient and filter
 * gradient. {@code path=direct} sets {@code -Dimgcls.conv.winograd=false} for the trial (Conv2d
 * reads it on every call). Secondary result "gflops" counts the direct convolution's
 * 2·N·OH·OW·Cout·9·Cin for both paths, so its ratio between the paths is their speed ratio.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx8g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class WinogradBenchmark {
    /** Input H·W and channels (Cin = Cout) of ResNet-18's four stages. */
    @Param({"56x64", "28x128", "14x256", "7x512"})
    public String layer;

    @Param({"winograd", "direct"})
    public String path;

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
        String[] parts = layer.split("x");
        int h = Integer.parseInt(parts[0]);
        int c = Integer.parseInt(parts[1]);
        Shape xs = Shape.of(batch, h, h, c);
        Shape ws = Shape.of(3, 3, c, c);
        geo = Conv2dAttrs.of(1, Padding.SAME).geometry(xs, ws);
        boolean winograd = switch (path) {
            case "winograd" -> true;
            case "direct" -> false;
            default -> throw new IllegalArgumentException("path " + path + ": use winograd or direct");
        };
        System.setProperty(Conv2d.WINOGRAD_PROPERTY, Boolean.toString(winograd));
        if (Conv2d.winograd(geo, false) != winograd || Conv2d.winograd(geo, true) != winograd) {
            throw new IllegalStateException("layer " + layer + " does not take the " + path + " path (Vector API off? "
                    + "run with --add-modules jdk.incubator.vector)");
        }
        x = SgemmBenchmark.random(xs.numel(), 1);
        w = SgemmBenchmark.random(ws.numel(), 2);
        y = SgemmBenchmark.random(geo.outputShape().numel(), 3);
        dx = new float[x.length];
        dw = new float[w.length];
        flops = 2.0 * geo.macs();
    }

    @TearDown
    public void tearDown() {
        System.clearProperty(Conv2d.WINOGRAD_PROPERTY);
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

package dev.imgcls.train.bench;

import dev.imgcls.kernels.cpu.CpuBackend;
import dev.imgcls.kernels.cpu.Parallel;
import dev.imgcls.nn.Model;
import dev.imgcls.nn.ModelFactory;
import dev.imgcls.tensor.Autograd;
import dev.imgcls.tensor.Backends;
import dev.imgcls.tensor.MemoryScope;
import dev.imgcls.tensor.profile.OpProfiler;
import dev.imgcls.tensor.profile.Profile;
import dev.imgcls.tensor.spi.HostArrayPool;
import dev.imgcls.train.loop.DeviceSelection;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Runs the benchmark's steps (training or inference, see {@link BenchStep}) and collects timings,
 * the op profile and memory readings. On a GPU the model lives there and each step uploads its
 * batch, as a training step does; the loss or logits read at the end of the step wait for the GPU,
 * so step times include all its work.
 */
final class BenchRun {
    private final BenchOptions options;
    private final DeviceSelection device;
    private final PrintStream progress;

    BenchRun(BenchOptions options, DeviceSelection device, PrintStream progress) {
        this.options = options;
        this.device = device;
        this.progress = progress;
    }

    @SuppressWarnings("try") // the backend scope works by being open
    BenchResult execute() throws IOException {
        if (!device.gpu()) {
            return steps();
        }
        try (Autograd.Scope gpu = Backends.use(device.backend())) {
            return steps();
        }
    }

    @SuppressWarnings("try") // the scope works by being open
    private BenchResult steps() throws IOException {
        Model model = ModelFactory.create(options.modelType(), options.numClasses(), options.seed());
        model.moveTo(device.device()); // before the optimizer, whose slots are made where the variables are
        BenchStep step = options.training() ? new TrainingBenchStep(model, options) : new InferenceBenchStep(model);
        int workers = Math.max(1, Parallel.threads());
        long[] warmup = new long[options.warmupSteps()];
        long[] steps = new long[options.steps()];
        long[] data = new long[options.steps()];
        double firstValue = Double.NaN;
        double lastValue = Double.NaN;
        long heapStart = 0;
        long gcMillisStart = 0;
        long gcCountStart = 0;
        long freshArraysStart = 0;
        Profile profile = null;
        try (BatchSource source = options.synthetic()
                ? new SyntheticBatches(options.batchSize(), options.imageSize(), options.numClasses(), options.seed())
                : new RecordBatches(options.data(), options.batchSize(), options.imageSize(), options.numClasses(), options.seed(),
                        workers, options.training())) {
            int total = options.warmupSteps() + options.steps();
            for (int i = 0; i < total; i++) {
                boolean measured = i >= options.warmupSteps();
                if (i == options.warmupSteps()) {
                    heapStart = MemoryProbe.heapAfterGc();
                    MemoryProbe.resetPeaks();
                    gcMillisStart = MemoryProbe.gcMillis();
                    gcCountStart = MemoryProbe.gcCount();
                    freshArraysStart = HostArrayPool.shared().misses();
                    if (options.profile()) {
                        OpProfiler.start();
                    }
                }
                long start = System.nanoTime();
                long dataNanos;
                double value;
                try (MemoryScope temporaries = MemoryScope.open()) {
                    StepBatch batch = source.next();
                    dataNanos = System.nanoTime() - start;
                    value = step.run(batch);
                } catch (RuntimeException | IOException | Error e) {
                    if (OpProfiler.isRunning()) {
                        OpProfiler.stop();
                    }
                    throw e;
                }
                long elapsed = System.nanoTime() - start;
                if (measured) {
                    int m = i - options.warmupSteps();
                    steps[m] = elapsed;
                    data[m] = dataNanos;
                    if (m == 0) {
                        firstValue = value;
                    }
                    lastValue = value;
                } else {
                    warmup[i] = elapsed;
                }
                progress.printf(Locale.ROOT, "%s step %d/%d: %.3f s, %s %.4f%n", measured ? "measured" : "warm-up",
                        measured ? i - options.warmupSteps() + 1 : i + 1, measured ? options.steps() : options.warmupSteps(),
                        elapsed / 1e9, options.mode().valueName(), value);
            }
            if (options.profile()) {
                profile = OpProfiler.stop();
            }
        }
        long gcMillis = MemoryProbe.gcMillis() - gcMillisStart;
        long gcCount = MemoryProbe.gcCount() - gcCountStart;
        long freshArrays = HostArrayPool.shared().misses() - freshArraysStart;
        long peakHeap = MemoryProbe.peakHeap();
        long heapEnd = MemoryProbe.heapAfterGc();
        OptionalLong rss = MemoryProbe.peakRss();
        String backend = device.gpu() ? device.backend().name() + " on GPU 0; host: cpu, " + CpuBackend.describe()
                : "cpu, " + CpuBackend.describe();
        return new BenchResult(options, backend, Parallel.threads(), model.trainableParameterCount(),
                steps, data, warmup, profile, heapStart, heapEnd, peakHeap, MemoryProbe.maxHeap(), rss, gcMillis, gcCount,
                firstValue, lastValue, freshArrays, device.gpu());
    }
}

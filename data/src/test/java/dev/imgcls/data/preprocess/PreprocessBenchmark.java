package dev.imgcls.data.preprocess;

import dev.imgcls.data.image.CropWindow;
import dev.imgcls.data.image.RgbImage;
import dev.imgcls.data.image.TestImages;
import dev.imgcls.data.image.TfOracle;
import dev.imgcls.data.image.jpeg.JpegDecoder;
import dev.imgcls.tensor.Generator;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Throughput of decode + train preprocessing of 500x375 JPEGs to 224x224, on one and two threads,
 * next to TF's DecodeAndCropJpeg + ResizeBicubic on the same bytes and crops (through TF Java, in
 * this process). Takes about 40 seconds. Run from the repository root after
 * {@code mvn -o -q -pl data -am test-compile}:
 * <pre>
 * java --add-modules=jdk.incubator.vector -cp "$(cat /tmp/data-cp.txt):data/target/classes:data/target/test-classes:tensor/target/classes" \
 *     dev.imgcls.data.preprocess.PreprocessBenchmark
 * </pre>
 * where /tmp/data-cp.txt is written by {@code mvn -o -q -pl data dependency:build-classpath -Dmdep.outputFile=/tmp/data-cp.txt}.
 */
public final class PreprocessBenchmark {
    private static final int IMAGES = 32;
    private static final int SIZE = 224;

    private PreprocessBenchmark() {
    }

    public static void main(String[] args) throws InterruptedException {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 6;
        byte[][] jpegs = new byte[IMAGES][];
        for (int i = 0; i < IMAGES; i++) {
            RgbImage photo = TestImages.photo(500, 375, i);
            jpegs[i] = TestImages.jpeg(photo, 0.9f, 2, 2, 0, false);
        }
        ImagePreprocessor pre = new ImagePreprocessor(SIZE);
        System.out.printf("%d distinct 500x375 JPEGs (quality 90, 4:2:0), train preprocessing to %dx%d%n", IMAGES, SIZE, SIZE);

        measure("warm-up", 1, seconds / 2, (t, i, g, out) -> pre.train(jpegs[i % IMAGES], g, out, 0));
        report("ours: decode (full image) only, 1 thread", measure("decode", 1, seconds,
                (t, i, g, out) -> JpegDecoder.decode(jpegs[i % IMAGES])));
        report("ours: eval preprocessing, 1 thread", measure("eval", 1, seconds,
                (t, i, g, out) -> pre.eval(jpegs[i % IMAGES], out, 0)));
        double one = measure("train1", 1, seconds, (t, i, g, out) -> pre.train(jpegs[i % IMAGES], g, out, 0));
        report("ours: train preprocessing, 1 thread", one);
        double two = measure("train2", 2, seconds, (t, i, g, out) -> pre.train(jpegs[i % IMAGES], g, out, 0));
        report("ours: train preprocessing, 2 threads", two);

        if (!TfOracle.available()) {
            System.out.println("TF runtime not available: skipping the TF comparison");
            return;
        }
        TfOracle tf = TfOracle.get();
        CropWindow[] crops = new CropWindow[IMAGES];
        Generator g = new Generator(1);
        for (int i = 0; i < IMAGES; i++) {
            crops[i] = DistortedBoxSampler.reference().sample(375, 500, g);
        }
        measure("tf warm-up", 1, seconds / 2, (t, i, gen, out) -> tf.decodeAndCropResizeJpeg(jpegs[i % IMAGES], crops[i % IMAGES], SIZE));
        double tfRate = measure("tf", 1, seconds,
                (t, i, gen, out) -> tf.decodeAndCropResizeJpeg(jpegs[i % IMAGES], crops[i % IMAGES], SIZE));
        report("TF: DecodeAndCropJpeg + ResizeBicubic per Session.run, 1 calling thread", tfRate);
        System.out.printf("ratio ours (1 thread) / TF: %.2f%n", one / tfRate);
    }

    private interface Work {
        void run(int thread, int iteration, Generator random, float[] out);
    }

    /** Images per second over {@code seconds} with {@code threads} threads each looping over the images. */
    private static double measure(String name, int threads, double seconds, Work work) throws InterruptedException {
        AtomicLong done = new AtomicLong();
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        Thread[] pool = new Thread[threads];
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int id = t;
            pool[t] = new Thread(() -> {
                Generator random = new Generator(100 + id);
                float[] out = new float[SIZE * SIZE * 3];
                int i = id * 7;
                while (System.nanoTime() < deadline) {
                    work.run(id, i++, random, out);
                    done.incrementAndGet();
                }
            }, name + "-" + t);
            pool[t].start();
        }
        for (Thread t : pool) {
            t.join();
        }
        return done.get() / ((System.nanoTime() - start) / 1e9);
    }

    private static void report(String what, double imagesPerSecond) {
        System.out.printf("%-75s %8.1f images/s (%.2f ms/image)%n", what, imagesPerSecond, 1000 / imagesPerSecond);
    }
}

package dev.imgcls.data.image;

import java.util.Locale;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.image.DecodeAndCropJpeg;
import org.tensorflow.op.image.DecodeBmp;
import org.tensorflow.op.image.DecodeJpeg;
import org.tensorflow.op.image.DecodePng;
import org.tensorflow.op.image.EncodeJpeg;
import org.tensorflow.op.image.ResizeBicubic;
import org.tensorflow.op.image.SampleDistortedBoundingBox;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TString;
import org.tensorflow.types.TUint16;
import org.tensorflow.types.TUint8;

/**
 * Real TensorFlow 2.18 (through TF Java) as the oracle for decoding and preprocessing numerics. One
 * graph with every op the tests need, fed through placeholders; one session for the whole JVM.
 * Not thread-safe (tests use it from one thread).
 */
public final class TfOracle {
    private static TfOracle instance;

    private final Session session;
    private final Placeholder<TString> bytes;
    private final Operand<TUint8> jpegFast;
    private final Operand<TUint8> jpegAccurate;
    private final Placeholder<TInt32> cropWindow;
    private final Operand<TUint8> jpegCropped;
    private final Operand<TUint8> png8;
    private final Operand<TUint8> gif;
    private final Operand<TUint8> bmp;
    private final Placeholder<TUint8> rgb;
    private final Operand<TString> jpeg420;
    private final Operand<TString> jpeg444;
    private final Operand<TString> jpegProgressive;
    private final Operand<TString> jpegGray;
    private final Placeholder<TUint8> pixels8;
    private final Operand<TString> png8Encoded;
    private final Placeholder<TUint16> pixels16;
    private final Operand<TString> png16Encoded;
    private final Placeholder<TFloat32> floatImage;
    private final Placeholder<TInt32> size;
    private final Operand<TFloat32> resized;
    private final Placeholder<TInt32> begin;
    private final Placeholder<TInt32> extent;
    private final Operand<TFloat32> jpegEval;
    private final Operand<TFloat32> pngEval;
    private final Operand<TFloat32> jpegCropResize;
    private final Placeholder<TInt32> imageShape;
    private final SampleDistortedBoundingBox<TInt32> distortedBox;

    private TfOracle() {
        Graph g = new Graph();
        Ops tf = Ops.create(g);
        bytes = tf.placeholder(TString.class, Placeholder.shape(Shape.scalar()));
        jpegFast = tf.image.decodeJpeg(bytes, DecodeJpeg.channels(3L));
        jpegAccurate = tf.image.decodeJpeg(bytes, DecodeJpeg.channels(3L), DecodeJpeg.dctMethod("INTEGER_ACCURATE"));
        cropWindow = tf.placeholder(TInt32.class);
        jpegCropped = tf.image.decodeAndCropJpeg(bytes, cropWindow, DecodeAndCropJpeg.channels(3L));
        png8 = tf.image.decodePng(bytes, new DecodePng.Options[] {DecodePng.channels(3L)});
        gif = tf.image.decodeGif(bytes);
        bmp = tf.image.decodeBmp(bytes, DecodeBmp.channels(3L));
        rgb = tf.placeholder(TUint8.class);
        jpeg420 = tf.image.encodeJpeg(rgb, EncodeJpeg.quality(90L), EncodeJpeg.chromaDownsampling(true));
        jpeg444 = tf.image.encodeJpeg(rgb, EncodeJpeg.quality(95L), EncodeJpeg.chromaDownsampling(false));
        jpegProgressive = tf.image.encodeJpeg(rgb, EncodeJpeg.quality(85L), EncodeJpeg.progressive(true));
        jpegGray = tf.image.encodeJpeg(rgb, EncodeJpeg.quality(90L), EncodeJpeg.format("grayscale"));
        pixels8 = tf.placeholder(TUint8.class);
        png8Encoded = tf.image.encodePng(pixels8);
        pixels16 = tf.placeholder(TUint16.class);
        png16Encoded = tf.image.encodePng(pixels16);
        floatImage = tf.placeholder(TFloat32.class);
        size = tf.placeholder(TInt32.class);
        resized = tf.image.resizeBicubic(floatImage, size,
                ResizeBicubic.alignCorners(false), ResizeBicubic.halfPixelCenters(false));
        begin = tf.placeholder(TInt32.class);
        extent = tf.placeholder(TInt32.class);
        Operand<TInt32> batchAxis = tf.constant(0);
        // The reference eval path: decode, crop, resize_bicubic([image], size)[0] on uint8 input.
        jpegEval = tf.image.resizeBicubic(tf.expandDims(tf.slice(jpegFast, begin, extent), batchAxis), size,
                ResizeBicubic.alignCorners(false), ResizeBicubic.halfPixelCenters(false)).resizedImages();
        pngEval = tf.image.resizeBicubic(tf.expandDims(tf.slice(png8, begin, extent), batchAxis), size,
                ResizeBicubic.alignCorners(false), ResizeBicubic.halfPixelCenters(false)).resizedImages();
        jpegCropResize = tf.image.resizeBicubic(tf.expandDims(jpegCropped, batchAxis), size,
                ResizeBicubic.alignCorners(false), ResizeBicubic.halfPixelCenters(false)).resizedImages();
        imageShape = tf.placeholder(TInt32.class);
        distortedBox = tf.image.sampleDistortedBoundingBox(imageShape,
                tf.constant(new float[][][] {{{0f, 0f, 1f, 1f}}}), tf.constant(0.1f),
                SampleDistortedBoundingBox.seed(7L), SampleDistortedBoundingBox.seed2(11L),
                SampleDistortedBoundingBox.aspectRatioRange(3f / 4f, 4f / 3f),
                SampleDistortedBoundingBox.areaRange(0.08f, 1.0f),
                SampleDistortedBoundingBox.maxAttempts(10L),
                SampleDistortedBoundingBox.useImageIfNoBoundingBoxes(true));
        session = new Session(g);
    }

    /** Whether the TF runtime (Linux x86-64 only in our test dependencies) can be used here. */
    public static boolean available() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch");
        return os.contains("linux") && (arch.equals("amd64") || arch.equals("x86_64"));
    }

    public static synchronized TfOracle get() {
        if (instance == null) {
            instance = new TfOracle();
        }
        return instance;
    }

    public RgbImage decodeJpeg(byte[] data) {
        return decode(jpegFast, data);
    }

    public RgbImage decodeJpegAccurate(byte[] data) {
        return decode(jpegAccurate, data);
    }

    /** TF's DecodeAndCropJpeg (what the reference preprocessing calls) of {@code w}. */
    public RgbImage decodeAndCropJpeg(byte[] data, CropWindow w) {
        try (TString s = str(data); TInt32 win = TInt32.vectorOf(w.y(), w.x(), w.height(), w.width());
             Result r = session.runner().feed(bytes, s).feed(cropWindow, win).fetch(jpegCropped).run()) {
            return image((TUint8) r.get(0));
        }
    }

    public RgbImage decodePng(byte[] data) {
        return decode(png8, data);
    }

    public RgbImage decodeBmp(byte[] data) {
        return decode(bmp, data);
    }

    /** DecodeGif's first frame. */
    public RgbImage decodeGif(byte[] data) {
        try (TString s = str(data); Result r = session.runner().feed(bytes, s).fetch(gif).run()) {
            TUint8 t = (TUint8) r.get(0);
            long[] shape = t.shape().asArray();
            byte[] all = new byte[(int) t.size()];
            t.copyTo(DataBuffers.of(all, false, false));
            int h = (int) shape[1];
            int w = (int) shape[2];
            byte[] first = new byte[h * w * 3];
            System.arraycopy(all, 0, first, 0, first.length);
            return new RgbImage(w, h, first);
        }
    }

    public enum JpegKind { BASELINE_420, BASELINE_444, PROGRESSIVE_420, GRAY }

    /** EncodeJpeg of an RGB image (GRAY encodes its green channel as a one-channel JPEG). */
    public byte[] encodeJpeg(RgbImage image, JpegKind kind) {
        Operand<TString> op = switch (kind) {
            case BASELINE_420 -> jpeg420;
            case BASELINE_444 -> jpeg444;
            case PROGRESSIVE_420 -> jpegProgressive;
            case GRAY -> jpegGray;
        };
        byte[] px = image.pixels();
        int channels = 3;
        if (kind == JpegKind.GRAY) {
            byte[] g = new byte[image.width() * image.height()];
            for (int i = 0; i < g.length; i++) {
                g[i] = px[i * 3 + 1];
            }
            px = g;
            channels = 1;
        }
        try (TUint8 t = TUint8.tensorOf(Shape.of(image.height(), image.width(), channels), DataBuffers.of(px, true, false))) {
            return encode(op, rgb, t);
        }
    }

    /** EncodePng of 8-bit samples {@code [h, w, channels]} (1 gray, 2 gray+alpha, 3 RGB, 4 RGBA). */
    public byte[] encodePng8(byte[] samples, int h, int w, int channels) {
        try (TUint8 t = TUint8.tensorOf(Shape.of(h, w, channels), DataBuffers.of(samples, true, false))) {
            return encode(png8Encoded, pixels8, t);
        }
    }

    /** EncodePng of 16-bit samples. */
    public byte[] encodePng16(short[] samples, int h, int w, int channels) {
        try (TUint16 t = TUint16.tensorOf(Shape.of(h, w, channels), DataBuffers.of(samples, true, false))) {
            return encode(png16Encoded, pixels16, t);
        }
    }

    /** ResizeBicubic (legacy flags) of a float HWC image. */
    public float[] resizeBicubic(float[] hwc, int h, int w, int c, int outH, int outW) {
        try (TFloat32 img = TFloat32.tensorOf(Shape.of(1, h, w, c), DataBuffers.of(hwc, true, false));
             TInt32 s = TInt32.vectorOf(outH, outW);
             Result r = session.runner().feed(floatImage, img).feed(size, s).fetch(resized).run()) {
            return floats((TFloat32) r.get(0));
        }
    }

    /** The reference eval path in TF: decode (JPEG or PNG), slice {@code w}, resize_bicubic to {@code out x out}. */
    public float[] decodeCropResize(byte[] data, boolean jpeg, CropWindow w, int out) {
        try (TString s = str(data); TInt32 b = TInt32.vectorOf(w.y(), w.x(), 0);
             TInt32 e = TInt32.vectorOf(w.height(), w.width(), 3); TInt32 sz = TInt32.vectorOf(out, out);
             Result r = session.runner().feed(bytes, s).feed(begin, b).feed(extent, e).feed(size, sz)
                     .fetch(jpeg ? jpegEval : pngEval).run()) {
            return floats((TFloat32) r.get(0));
        }
    }

    /** DecodeAndCropJpeg + ResizeBicubic: the reference's train path after sampling, for throughput comparisons. */
    public float[] decodeAndCropResizeJpeg(byte[] data, CropWindow w, int out) {
        try (TString s = str(data); TInt32 win = TInt32.vectorOf(w.y(), w.x(), w.height(), w.width());
             TInt32 sz = TInt32.vectorOf(out, out);
             Result r = session.runner().feed(bytes, s).feed(cropWindow, win).feed(size, sz).fetch(jpegCropResize).run()) {
            return floats((TFloat32) r.get(0));
        }
    }

    /** One draw of TF's SampleDistortedBoundingBox (reference parameters): {y, x, height, width}. */
    public int[] sampleDistortedBox(int h, int w) {
        try (TInt32 shape = TInt32.vectorOf(h, w, 3);
             Result r = session.runner().feed(imageShape, shape).fetch(distortedBox.begin()).fetch(distortedBox.sizeOutput()).run()) {
            TInt32 b = (TInt32) r.get(0);
            TInt32 s = (TInt32) r.get(1);
            return new int[] {b.getInt(0), b.getInt(1), s.getInt(0), s.getInt(1)};
        }
    }

    private RgbImage decode(Operand<TUint8> op, byte[] data) {
        try (TString s = str(data); Result r = session.runner().feed(bytes, s).fetch(op).run()) {
            return image((TUint8) r.get(0));
        }
    }

    private byte[] encode(Operand<TString> op, Placeholder<?> input, Tensor value) {
        try (Result r = session.runner().feed(input, value).fetch(op).run()) {
            return ((TString) r.get(0)).asBytes().getObject();
        }
    }

    private static TString str(byte[] data) {
        return TString.tensorOfBytes(NdArrays.scalarOfObject(data));
    }

    private static RgbImage image(TUint8 t) {
        long[] shape = t.shape().asArray();
        byte[] px = new byte[(int) t.size()];
        t.copyTo(DataBuffers.of(px, false, false));
        return new RgbImage((int) shape[1], (int) shape[0], px);
    }

    private static float[] floats(TFloat32 t) {
        float[] f = new float[(int) t.size()];
        t.copyTo(DataBuffers.of(f, false, false));
        return f;
    }
}

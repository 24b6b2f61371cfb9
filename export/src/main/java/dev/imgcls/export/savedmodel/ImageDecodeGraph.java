package dev.imgcls.export.savedmodel;

import dev.imgcls.export.proto.TensorShapeProto;
import dev.imgcls.export.savedmodel.graph.Attrs;
import dev.imgcls.export.savedmodel.graph.FunctionScope;
import dev.imgcls.export.savedmodel.graph.GraphScope;
import dev.imgcls.export.savedmodel.graph.TfOps;
import dev.imgcls.export.savedmodel.graph.TfOutput;
import dev.imgcls.export.savedmodel.graph.Tensors;

import java.util.List;

import static dev.imgcls.export.proto.DataType.DT_FLOAT;
import static dev.imgcls.export.proto.DataType.DT_INT32;
import static dev.imgcls.export.proto.DataType.DT_STRING;
import static dev.imgcls.export.proto.DataType.DT_VARIANT;

/**
 * The serving graph's input half: a {@code [N]} string tensor of encoded images becomes a float
 * {@code [N, S, S, 3]} batch by the reference eval preprocessing, for any N ≥ 1.
 *
 * <p>Decode ops take one scalar string, so the batch is walked by a functional {@code While}
 * (what TF2's {@code tf.map_fn} emits): loop values (i, n, images, list), the body decodes
 * {@code images[i]} and stores it with {@code TensorListSetItem}; {@code TensorListStack} makes
 * the batch. Per image, as {@code ImagePreprocessor.eval} does: JPEGs (magic FF D8 FF) are cut
 * by {@code DecodeAndCropJpeg} at the centre window computed from {@code ExtractJpegShape},
 * exactly the reference's decode_and_crop_jpeg; other formats are decoded whole by
 * {@code DecodeImage} and sliced. The choice is a functional {@code If}. Then a legacy
 * {@code ResizeBicubic} to S×S (align_corners and half_pixel_centers false), as float, not clamped.
 * The crop padding P of the centre window {@code S / (S + P)} is the reference's 32 unless the
 * model was trained with another ({@link ExportInfo#evalCropPadding()}).
 */
final class ImageDecodeGraph {
    private static final byte[] JPEG_MAGIC = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};

    private ImageDecodeGraph() {
    }

    /** Appends the decode loop to {@code graph} under {@code prefix}; returns the float image batch. */
    static TfOutput decodeBatch(GraphScope graph, TfOps ops, TfOutput imageBytes, int imageSize, int cropPadding) {
        FunctionScope jpeg = cropJpegFunction(graph, imageSize, cropPadding);
        FunctionScope other = cropDecodedFunction(graph, imageSize, cropPadding);
        FunctionScope cond = condFunction(graph);
        FunctionScope body = bodyFunction(graph, imageSize, jpeg, other);

        TfOutput n = ops.size(imageBytes);
        TfOutput elementShape = ops.constInts("element_shape", imageSize, imageSize, 3);
        TfOutput list = ops.tensorListReserve(elementShape, n, DT_FLOAT);
        TensorShapeProto scalar = Attrs.shapeProto();
        List<TfOutput> done = ops.whileLoop("decode_loop", List.of(ops.scalarInt("start", 0), n, imageBytes, list), cond, body,
                List.of(scalar, scalar, Attrs.shapeProto(-1), scalar));
        return ops.tensorListStack(done.get(3), elementShape, DT_FLOAT);
    }

    private static FunctionScope condFunction(GraphScope graph) {
        FunctionScope f = graph.function("imgcls_decode_cond");
        TfOutput i = f.arg("i", DT_INT32);
        TfOutput n = f.arg("n", DT_INT32);
        f.arg("images", DT_STRING);
        f.arg("list", DT_VARIANT);
        f.result("more", new TfOps(f).compare("Less", i, n));
        return f;
    }

    private static FunctionScope bodyFunction(GraphScope graph, int imageSize, FunctionScope jpeg, FunctionScope other) {
        FunctionScope f = graph.function("imgcls_decode_body");
        TfOps ops = new TfOps(f);
        TfOutput i = f.arg("i", DT_INT32);
        TfOutput n = f.arg("n", DT_INT32);
        TfOutput images = f.arg("images", DT_STRING);
        TfOutput list = f.arg("list", DT_VARIANT);

        TfOutput contents = ops.gather(images, i, ops.scalarInt("axis", 0));
        TfOutput magic = ops.substr(contents, ops.scalarInt("magic_pos", 0), ops.scalarInt("magic_len", JPEG_MAGIC.length));
        TfOutput isJpeg = ops.compare("Equal", magic, ops.constant("jpeg_magic", Tensors.strings(List.of(JPEG_MAGIC))));
        TfOutput crop = ops.ifThenElse(isJpeg, List.of(contents), jpeg, other, List.of(Attrs.shapeProto(-1, -1, 3))).get(0);
        TfOutput resized = ops.resizeBicubic(ops.expandDims(crop, ops.scalarInt("batch_axis", 0)), ops.constInts("size", imageSize, imageSize));
        TfOutput image = ops.reshape(resized, ops.constInts("image_shape", imageSize, imageSize, 3));

        f.result("i_next", ops.binary("AddV2", i, ops.scalarInt("one", 1)));
        f.result("n_next", ops.identity("n_pass", n));
        f.result("images_next", ops.identity("images_pass", images));
        f.result("list_next", ops.tensorListSetItem(list, i, image));
        return f;
    }

    /** JPEG: the centre window from the header, then only that window decoded. */
    private static FunctionScope cropJpegFunction(GraphScope graph, int imageSize, int cropPadding) {
        FunctionScope f = graph.function("imgcls_crop_jpeg");
        TfOps ops = new TfOps(f);
        TfOutput contents = f.arg("contents", DT_STRING);
        Window w = centreWindow(ops, ops.extractJpegShape(contents), imageSize, cropPadding);
        TfOutput window = ops.concat(List.of(w.offsets(), ops.pack(List.of(w.side(), w.side()))), ops.scalarInt("concat_axis", 0));
        f.result("image", ops.decodeAndCropJpeg(contents, window, 3));
        return f;
    }

    /** PNG, GIF (first frame), BMP: decoded whole, then the centre window sliced out. */
    private static FunctionScope cropDecodedFunction(GraphScope graph, int imageSize, int cropPadding) {
        FunctionScope f = graph.function("imgcls_crop_decoded");
        TfOps ops = new TfOps(f);
        TfOutput contents = f.arg("contents", DT_STRING);
        TfOutput image = ops.decodeImage(contents, 3);
        Window w = centreWindow(ops, ops.shape(image), imageSize, cropPadding);
        TfOutput begin = ops.concat(List.of(w.offsets(), ops.constInts("channel_begin", 0)), ops.scalarInt("concat_axis", 0));
        TfOutput size = ops.pack(List.of(w.side(), w.side(), ops.scalarInt("channels", 3)));
        f.result("image", ops.slice(image, begin, size));
        return f;
    }

    /** Top-left offsets [y, x] and side of the centre crop, as data's {@code CenterCrop.window}. */
    private record Window(TfOutput offsets, TfOutput side) {
    }

    /**
     * From an image shape [h, w, c]: side = max(1, int(float32(S / (S + P)) · float32(min(h, w)))),
     * offsets ((h − side + 1) // 2, (w − side + 1) // 2); as data's {@code CenterCrop} (export does
     * not depend on data), which the trainer's ServingMatchesOurInferenceTest checks bit for bit.
     */
    private static Window centreWindow(TfOps ops, TfOutput shape, int imageSize, int cropPadding) {
        TfOutput hw = ops.slice(shape, ops.constInts("hw_begin", 0), ops.constInts("hw_size", 2));
        TfOutput shortSide = ops.reduce("Min", hw, ops.constInts("hw_axis", 0), false);
        float fraction = (float) (imageSize / (double) (imageSize + cropPadding));
        TfOutput scaled = ops.binary("Mul", ops.cast(shortSide, DT_FLOAT), ops.scalarFloat("crop_fraction", fraction));
        TfOutput one = ops.scalarInt("one", 1);
        // CenterCrop's deviation from the reference: at least one pixel instead of an error.
        TfOutput side = ops.binary("Maximum", ops.cast(scaled, DT_INT32), one);
        TfOutput offsets = ops.binary("FloorDiv", ops.binary("AddV2", ops.binary("Sub", hw, side), one), ops.scalarInt("two", 2));
        return new Window(offsets, side);
    }
}

package dev.imgcls.export.savedmodel.graph;

import dev.imgcls.export.proto.DataType;
import dev.imgcls.export.proto.TensorProto;
import dev.imgcls.export.proto.TensorShapeProto;

import java.util.ArrayList;
import java.util.List;

import static dev.imgcls.export.proto.DataType.DT_BOOL;
import static dev.imgcls.export.proto.DataType.DT_FLOAT;
import static dev.imgcls.export.proto.DataType.DT_INT32;
import static dev.imgcls.export.proto.DataType.DT_INT64;
import static dev.imgcls.export.proto.DataType.DT_STRING;
import static dev.imgcls.export.proto.DataType.DT_UINT8;
import static dev.imgcls.export.proto.DataType.DT_VARIANT;

/**
 * The TensorFlow ops the export writes, with the attributes each needs (tf-formats.md §6). Nodes
 * are named {@code prefix + base}; attributes whose defaults differ from what a reference model
 * means (epsilon, is_training, data_format, resize flags) are always written, other defaults are
 * left out so older runtimes do not meet attributes they do not know.
 */
public final class TfOps {
    private final NodeScope scope;
    private final String prefix;

    public TfOps(NodeScope scope) {
        this(scope, "");
    }

    private TfOps(NodeScope scope, String prefix) {
        this.scope = scope;
        this.prefix = prefix;
    }

    /** The same scope with node names under {@code prefix/}. */
    public TfOps withPrefix(String name) {
        return new TfOps(scope, prefix + name + "/");
    }

    public NodeScope scope() {
        return scope;
    }

    private NodeScope.NodeBuilder node(String op, String base) {
        return scope.node(op, prefix + base);
    }

    // ---- plumbing -----------------------------------------------------------------------------

    public TfOutput constant(String name, TensorProto value) {
        return node("Const", name).attr("dtype", Attrs.type(value.getDtype())).attr("value", Attrs.tensor(value)).build()
                .output("output", value.getDtype());
    }

    public TfOutput constInts(String name, int... values) {
        return constant(name, Tensors.ints(values, values.length));
    }

    public TfOutput scalarInt(String name, int value) {
        return constant(name, Tensors.ints(new int[] {value}));
    }

    public TfOutput scalarFloat(String name, float value) {
        return constant(name, Tensors.floats(new float[] {value}));
    }

    public TfOutput placeholder(String name, DataType dtype, long... shape) {
        return node("Placeholder", name).attr("dtype", Attrs.type(dtype)).attr("shape", Attrs.shape(shape)).build().output("output", dtype);
    }

    public TfOutput placeholderWithDefault(String name, TfOutput defaultValue, long... shape) {
        return node("PlaceholderWithDefault", name).input(defaultValue).attr("dtype", Attrs.type(defaultValue.dtype()))
                .attr("shape", Attrs.shape(shape)).build().output("output", defaultValue.dtype());
    }

    public TfOutput identity(String name, TfOutput x) {
        return node("Identity", name).input(x).attr("T", Attrs.type(x.dtype())).build().output("output", x.dtype());
    }

    public TfOutput cast(TfOutput x, DataType to) {
        return node("Cast", "Cast").input(x).attr("SrcT", Attrs.type(x.dtype())).attr("DstT", Attrs.type(to)).build().output("y", to);
    }

    public TfOutput shape(TfOutput x) {
        return node("Shape", "Shape").input(x).attr("T", Attrs.type(x.dtype())).attr("out_type", Attrs.type(DT_INT32)).build()
                .output("output", DT_INT32);
    }

    public TfOutput size(TfOutput x) {
        return node("Size", "Size").input(x).attr("T", Attrs.type(x.dtype())).attr("out_type", Attrs.type(DT_INT32)).build()
                .output("output", DT_INT32);
    }

    public TfOutput reshape(TfOutput x, TfOutput shape) {
        return node("Reshape", "Reshape").input(x).input(shape).attr("T", Attrs.type(x.dtype())).attr("Tshape", Attrs.type(shape.dtype()))
                .build().output("output", x.dtype());
    }

    public TfOutput expandDims(TfOutput x, TfOutput axis) {
        return node("ExpandDims", "ExpandDims").input(x).input(axis).attr("T", Attrs.type(x.dtype())).attr("Tdim", Attrs.type(axis.dtype()))
                .build().output("output", x.dtype());
    }

    public TfOutput slice(TfOutput x, TfOutput begin, TfOutput size) {
        return node("Slice", "Slice").input(x).input(begin).input(size).attr("T", Attrs.type(x.dtype())).attr("Index", Attrs.type(begin.dtype()))
                .build().output("output", x.dtype());
    }

    public TfOutput concat(List<TfOutput> values, TfOutput axis) {
        DataType t = values.get(0).dtype();
        return node("ConcatV2", "ConcatV2").inputs(values).input(axis).attr("N", Attrs.i(values.size())).attr("T", Attrs.type(t))
                .attr("Tidx", Attrs.type(axis.dtype())).build().output("output", t);
    }

    public TfOutput pack(List<TfOutput> values) {
        DataType t = values.get(0).dtype();
        return node("Pack", "Pack").inputs(values).attr("N", Attrs.i(values.size())).attr("T", Attrs.type(t)).build().output("output", t);
    }

    /** {@code params[index]} along axis 0. */
    public TfOutput gather(TfOutput params, TfOutput index, TfOutput axis) {
        return node("GatherV2", "GatherV2").input(params).input(index).input(axis).attr("Tparams", Attrs.type(params.dtype()))
                .attr("Tindices", Attrs.type(index.dtype())).attr("Taxis", Attrs.type(axis.dtype())).build().output("output", params.dtype());
    }

    public TfOutput broadcastTo(TfOutput x, TfOutput shape) {
        return node("BroadcastTo", "BroadcastTo").input(x).input(shape).attr("T", Attrs.type(x.dtype())).attr("Tidx", Attrs.type(shape.dtype()))
                .build().output("output", x.dtype());
    }

    public TfOutput pad(TfOutput x, TfOutput paddings) {
        return node("Pad", "Pad").input(x).input(paddings).attr("T", Attrs.type(x.dtype())).attr("Tpaddings", Attrs.type(paddings.dtype()))
                .build().output("output", x.dtype());
    }

    // ---- arithmetic ---------------------------------------------------------------------------

    /** A broadcasting binary op with output {@code z} of x's type: AddV2, Sub, Mul, RealDiv, Maximum, FloorDiv. */
    public TfOutput binary(String op, TfOutput x, TfOutput y) {
        return node(op, op).input(x).input(y).attr("T", Attrs.type(x.dtype())).build().output("z", x.dtype());
    }

    /** A comparison (Less, Equal) giving a bool. */
    public TfOutput compare(String op, TfOutput x, TfOutput y) {
        return node(op, op).input(x).input(y).attr("T", Attrs.type(x.dtype())).build().output("z", DT_BOOL);
    }

    /** A unary op whose output argument is {@code outputArg} (Relu: activations; Sigmoid, Exp…: y). */
    public TfOutput unary(String op, String outputArg, TfOutput x) {
        return node(op, op).input(x).attr("T", Attrs.type(x.dtype())).build().output(outputArg, x.dtype());
    }

    /** Sum, Max, Min or Mean over {@code axes}. */
    public TfOutput reduce(String op, TfOutput x, TfOutput axes, boolean keepDims) {
        return node(op, op).input(x).input(axes).attr("T", Attrs.type(x.dtype())).attr("Tidx", Attrs.type(axes.dtype()))
                .attr("keep_dims", Attrs.b(keepDims)).build().output("output", x.dtype());
    }

    public TfOutput matMul(TfOutput a, TfOutput b, boolean transposeA, boolean transposeB) {
        return node("MatMul", "MatMul").input(a).input(b).attr("T", Attrs.type(a.dtype())).attr("transpose_a", Attrs.b(transposeA))
                .attr("transpose_b", Attrs.b(transposeB)).build().output("product", a.dtype());
    }

    public TfOutput softmax(String name, TfOutput logits) {
        return node("Softmax", name).input(logits).attr("T", Attrs.type(logits.dtype())).build().output("softmax", logits.dtype());
    }

    public TfOutput argMax(String name, TfOutput x, TfOutput axis) {
        return node("ArgMax", name).input(x).input(axis).attr("T", Attrs.type(x.dtype())).attr("Tidx", Attrs.type(axis.dtype()))
                .attr("output_type", Attrs.type(DT_INT64)).build().output("output", DT_INT64);
    }

    // ---- network ------------------------------------------------------------------------------

    /** Conv2D, NHWC, padding SAME or VALID, filter [kh, kw, in, out]. */
    public TfOutput conv2d(TfOutput x, TfOutput filter, int strideH, int strideW, String padding) {
        return node("Conv2D", "Conv2D").input(x).input(filter).attr("T", Attrs.type(x.dtype())).attr("strides", Attrs.ints(1, strideH, strideW, 1))
                .attr("padding", Attrs.s(padding)).attr("data_format", Attrs.s("NHWC")).build().output("output", x.dtype());
    }

    /** DepthwiseConv2dNative, NHWC, padding SAME or VALID, filter [kh, kw, in, multiplier]. */
    public TfOutput depthwiseConv2d(TfOutput x, TfOutput filter, int strideH, int strideW, String padding) {
        return node("DepthwiseConv2dNative", "DepthwiseConv2dNative").input(x).input(filter).attr("T", Attrs.type(x.dtype()))
                .attr("strides", Attrs.ints(1, strideH, strideW, 1)).attr("padding", Attrs.s(padding)).attr("data_format", Attrs.s("NHWC"))
                .build().output("output", x.dtype());
    }

    public TfOutput biasAdd(TfOutput x, TfOutput bias) {
        return node("BiasAdd", "BiasAdd").input(x).input(bias).attr("T", Attrs.type(x.dtype())).attr("data_format", Attrs.s("NHWC"))
                .build().output("output", x.dtype());
    }

    /** Inference batch norm with the given statistics: FusedBatchNormV3, is_training false, output y. */
    public TfOutput fusedBatchNorm(TfOutput x, TfOutput scale, TfOutput offset, TfOutput mean, TfOutput variance, float epsilon) {
        return node("FusedBatchNormV3", "FusedBatchNormV3").input(x).input(scale).input(offset).input(mean).input(variance)
                .attr("T", Attrs.type(x.dtype())).attr("U", Attrs.type(DT_FLOAT)).attr("epsilon", Attrs.f(epsilon))
                .attr("data_format", Attrs.s("NHWC")).attr("is_training", Attrs.b(false)).build().output("y", x.dtype());
    }

    /** MaxPool; {@code explicitPaddings} (8 values, NHWC pairs) only with padding EXPLICIT, else null. */
    public TfOutput maxPool(TfOutput x, int kh, int kw, int sh, int sw, String padding, long[] explicitPaddings) {
        NodeScope.NodeBuilder n = node("MaxPool", "MaxPool").input(x).attr("T", Attrs.type(x.dtype())).attr("ksize", Attrs.ints(1, kh, kw, 1))
                .attr("strides", Attrs.ints(1, sh, sw, 1)).attr("padding", Attrs.s(padding)).attr("data_format", Attrs.s("NHWC"));
        if (explicitPaddings != null) {
            n.attr("explicit_paddings", Attrs.ints(explicitPaddings));
        }
        return n.build().output("output", x.dtype());
    }

    public TfOutput avgPool(TfOutput x, int kh, int kw, int sh, int sw, String padding) {
        return node("AvgPool", "AvgPool").input(x).attr("T", Attrs.type(x.dtype())).attr("ksize", Attrs.ints(1, kh, kw, 1))
                .attr("strides", Attrs.ints(1, sh, sw, 1)).attr("padding", Attrs.s(padding)).attr("data_format", Attrs.s("NHWC"))
                .build().output("output", x.dtype());
    }

    // ---- images -------------------------------------------------------------------------------

    public TfOutput substr(TfOutput s, TfOutput pos, TfOutput len) {
        return node("Substr", "Substr").input(s).input(pos).input(len).attr("T", Attrs.type(pos.dtype())).build().output("output", DT_STRING);
    }

    /** Any supported format to uint8 [h, w, channels]; GIFs give their first frame. */
    public TfOutput decodeImage(TfOutput contents, int channels) {
        return node("DecodeImage", "DecodeImage").input(contents).attr("channels", Attrs.i(channels)).attr("dtype", Attrs.type(DT_UINT8))
                .attr("expand_animations", Attrs.b(false)).build().output("image", DT_UINT8);
    }

    /** [height, width, channels] of a JPEG from its header. */
    public TfOutput extractJpegShape(TfOutput contents) {
        return node("ExtractJpegShape", "ExtractJpegShape").input(contents).attr("output_type", Attrs.type(DT_INT32)).build()
                .output("image_shape", DT_INT32);
    }

    /** Decodes only {@code window} = [y, x, height, width] of a JPEG, with DecodeJpeg's default decoder settings. */
    public TfOutput decodeAndCropJpeg(TfOutput contents, TfOutput window, int channels) {
        return node("DecodeAndCropJpeg", "DecodeAndCropJpeg").input(contents).input(window).attr("channels", Attrs.i(channels)).build()
                .output("image", DT_UINT8);
    }

    /** TF1's legacy bicubic resize (align_corners and half_pixel_centers false) to float. */
    public TfOutput resizeBicubic(TfOutput images, TfOutput size) {
        return node("ResizeBicubic", "ResizeBicubic").input(images).input(size).attr("T", Attrs.type(images.dtype()))
                .attr("align_corners", Attrs.b(false)).attr("half_pixel_centers", Attrs.b(false)).build().output("resized_images", DT_FLOAT);
    }

    // ---- tensor lists and control flow -------------------------------------------------------

    public TfOutput tensorListReserve(TfOutput elementShape, TfOutput count, DataType elementType) {
        return node("TensorListReserve", "TensorListReserve").input(elementShape).input(count).attr("element_dtype", Attrs.type(elementType))
                .attr("shape_type", Attrs.type(elementShape.dtype())).build().output("handle", DT_VARIANT);
    }

    public TfOutput tensorListSetItem(TfOutput list, TfOutput index, TfOutput item) {
        return node("TensorListSetItem", "TensorListSetItem").input(list).input(index).input(item).attr("element_dtype", Attrs.type(item.dtype()))
                .build().output("output_handle", DT_VARIANT);
    }

    public TfOutput tensorListStack(TfOutput list, TfOutput elementShape, DataType elementType) {
        return node("TensorListStack", "TensorListStack").input(list).input(elementShape).attr("element_dtype", Attrs.type(elementType))
                .build().output("tensor", elementType);
    }

    /**
     * The functional While: runs {@code body} while {@code cond} is true on the loop values,
     * starting from {@code initial}; both functions take the loop values as arguments and body
     * returns their next values. Returns the final values.
     */
    public List<TfOutput> whileLoop(String name, List<TfOutput> initial, FunctionScope cond, FunctionScope body, List<TensorShapeProto> shapes) {
        List<DataType> types = initial.stream().map(TfOutput::dtype).toList();
        if (!cond.argTypes().equals(types) || !body.argTypes().equals(types) || !body.resultTypes().equals(types)) {
            throw new IllegalArgumentException("While " + name + ": loop values " + types + ", cond takes " + cond.argTypes() + ", body takes "
                    + body.argTypes() + " and returns " + body.resultTypes());
        }
        if (!cond.resultTypes().equals(List.of(DT_BOOL))) {
            throw new IllegalArgumentException("While " + name + ": cond must return one bool, returns " + cond.resultTypes());
        }
        NodeScope.Node n = node("While", name).inputs(initial).attr("T", Attrs.types(types)).attr("cond", Attrs.func(cond.name()))
                .attr("body", Attrs.func(body.name())).attr("output_shapes", Attrs.shapes(shapes)).attr("parallel_iterations", Attrs.i(10)).build();
        List<TfOutput> outs = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            outs.add(n.output("output", i, i, types.get(i)));
        }
        return outs;
    }

    /** The functional If: {@code thenBranch(inputs)} when {@code cond} is true, else {@code elseBranch(inputs)}. */
    public List<TfOutput> ifThenElse(TfOutput cond, List<TfOutput> inputs, FunctionScope thenBranch, FunctionScope elseBranch,
                                     List<TensorShapeProto> shapes) {
        List<DataType> in = inputs.stream().map(TfOutput::dtype).toList();
        if (!thenBranch.argTypes().equals(in) || !elseBranch.argTypes().equals(in) || !thenBranch.resultTypes().equals(elseBranch.resultTypes())) {
            throw new IllegalArgumentException("If: inputs " + in + ", branches take " + thenBranch.argTypes() + " / " + elseBranch.argTypes()
                    + " and return " + thenBranch.resultTypes() + " / " + elseBranch.resultTypes());
        }
        List<DataType> out = thenBranch.resultTypes();
        NodeScope.Node n = node("If", "If").input(cond).inputs(inputs).attr("Tcond", Attrs.type(cond.dtype())).attr("Tin", Attrs.types(in))
                .attr("Tout", Attrs.types(out)).attr("then_branch", Attrs.func(thenBranch.name())).attr("else_branch", Attrs.func(elseBranch.name()))
                .attr("output_shapes", Attrs.shapes(shapes)).build();
        List<TfOutput> outs = new ArrayList<>();
        for (int i = 0; i < out.size(); i++) {
            outs.add(n.output("output", i, i, out.get(i)));
        }
        return outs;
    }
}

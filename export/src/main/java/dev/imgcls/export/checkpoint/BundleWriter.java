package dev.imgcls.export.checkpoint;

import dev.imgcls.export.proto.BundleEntryProto;
import dev.imgcls.export.proto.BundleHeaderProto;
import dev.imgcls.export.proto.TensorShapeProto;
import dev.imgcls.export.proto.VersionDef;
import dev.imgcls.export.proto.TensorSliceProto;
import dev.imgcls.io.AtomicOutputStream;
import dev.imgcls.io.Crc32c;
import dev.imgcls.io.FaultPoints;
import dev.imgcls.io.FileSystem;
import dev.imgcls.io.FileSystems;
import dev.imgcls.tensor.Shape;
import dev.imgcls.tensor.Tensor;

import java.io.Closeable;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a TensorFlow checkpoint (tensor bundle V2) that TF's {@code RestoreV2} reads and whose
 * bytes equal what TF's {@code SaveV2} writes for the same tensors in the same order: one data
 * file {@code P.data-00000-of-00001} with the tensors back to back in the order they were added,
 * and the index {@code P.index} with one entry per tensor, sorted by name.
 *
 * <p>Both files are written under temporary names and published by rename (on GCS: by finishing
 * the upload); the index goes last, so {@code P.index} exists only once the data is complete.
 *
 * <pre>{@code
 * try (BundleWriter writer = BundleWriter.create("/job/checkpoints/model.ckpt-100")) {
 *     writer.add("dense/kernel", kernel);
 *     writer.add("global_step", Tensor.ofLongs(new long[] {100}));
 *     writer.finish();
 * }
 * }</pre>
 */
public final class BundleWriter implements Closeable {

    /** {@code kTensorBundleVersion}: the version written into every header. */
    static final int BUNDLE_VERSION = 1;

    private final FileSystem fs;
    private final String prefix;
    private final AtomicOutputStream dataStream;
    private final DataOutput data;
    private final TreeMap<byte[], BundleEntryProto.Builder> entries = new TreeMap<>(Arrays::compareUnsigned);
    private boolean finished;
    private boolean closed;

    private BundleWriter(FileSystem fs, String prefix) throws IOException {
        this.fs = fs;
        this.prefix = prefix;
        this.dataStream = fs.create(BundleNames.dataFile(prefix, 0, 1));
        this.data = new DataOutput(dataStream);
    }

    /** Starts a bundle at {@code prefix} (a local path or {@code gs://...}). */
    public static BundleWriter create(String prefix) throws IOException {
        return create(FileSystems.defaults(), prefix);
    }

    public static BundleWriter create(FileSystems fileSystems, String prefix) throws IOException {
        if (prefix.isEmpty() || prefix.endsWith("/")) {
            throw new IllegalArgumentException("a checkpoint prefix must name a file prefix, not a directory: '" + prefix + "'");
        }
        return new BundleWriter(fileSystems.resolve(prefix), prefix);
    }

    /** Writes {@code values} (data in the map's iteration order) as the complete bundle {@code prefix}. */
    public static void write(String prefix, Map<String, ? extends CheckpointValue> values) throws IOException {
        write(FileSystems.defaults(), prefix, values);
    }

    public static void write(FileSystems fileSystems, String prefix, Map<String, ? extends CheckpointValue> values) throws IOException {
        try (BundleWriter writer = create(fileSystems, prefix)) {
            for (Map.Entry<String, ? extends CheckpointValue> e : values.entrySet()) {
                writer.add(e.getKey(), e.getValue());
            }
            writer.finish();
        }
    }

    public String prefix() {
        return prefix;
    }

    public void add(String name, Tensor tensor) throws IOException {
        add(name, CheckpointValue.of(tensor));
    }

    /** Appends a variable's data; names must be unique and non-empty. */
    public void add(String name, CheckpointValue value) throws IOException {
        byte[] key = checkName(name);
        if (entries.containsKey(key)) {
            throw new IllegalArgumentException("variable '" + name + "' was already added to checkpoint " + prefix);
        }
        entries.put(key, appendData(value));
    }

    /**
     * Appends one slice of a partitioned variable, as TF's {@code BundleWriter::AddSlice}: the
     * variable's entry lists its slices and each slice is stored under its own encoded key. Our
     * trainer never partitions; this exists so tests can produce exactly what TF produces (and so
     * exercise the reader's rejection of partitioned variables on bytes we control).
     *
     * @param lengths per dimension, the slice's extent, or -1 for the whole dimension
     */
    void addSlice(String fullName, long[] fullDims, long[] starts, long[] lengths, CheckpointValue slice) throws IOException {
        byte[] fullKey = checkName(fullName);
        if (starts.length != fullDims.length || lengths.length != fullDims.length || slice.shape().rank() != fullDims.length) {
            throw new IllegalArgumentException("slice of '" + fullName + "': rank of starts, lengths and the slice tensor must equal the full rank "
                    + fullDims.length);
        }
        TensorSliceProto.Builder sliceProto = TensorSliceProto.newBuilder();
        for (int d = 0; d < fullDims.length; d++) {
            long expected = lengths[d] == -1 ? fullDims[d] : lengths[d];
            if (starts[d] < 0 || expected < 0 || starts[d] + expected > fullDims[d] || slice.shape().dim(d) != expected) {
                throw new IllegalArgumentException("slice of '" + fullName + "' in dimension " + d + ": start " + starts[d]
                        + ", length " + lengths[d] + " does not fit a full size of " + fullDims[d] + " and a slice tensor of "
                        + slice.shape());
            }
            TensorSliceProto.Extent.Builder extent = TensorSliceProto.Extent.newBuilder();
            if (lengths[d] != -1) {
                extent.setStart(starts[d]).setLength(lengths[d]);
            }
            sliceProto.addExtent(extent);
        }
        BundleEntryProto.Builder full = entries.get(fullKey);
        if (full == null) {
            full = BundleEntryProto.newBuilder().setDtype(slice.dtype()).setShape(shapeProto(fullDims));
            entries.put(fullKey, full);
        } else if (full.getSlicesCount() == 0 || full.getDtype() != slice.dtype() || !full.getShape().equals(shapeProto(fullDims))) {
            throw new IllegalArgumentException("slice of '" + fullName + "' does not match the variable already added under that name");
        }
        byte[] sliceKey = BundleKeys.sliceKey(fullName, starts, lengths);
        if (entries.containsKey(sliceKey)) {
            throw new IllegalArgumentException("this slice of '" + fullName + "' was already added");
        }
        full.addSlices(sliceProto);
        entries.put(sliceKey, appendData(slice));
    }

    /** Publishes the data file, then the index; the bundle is complete when this returns. */
    public void finish() throws IOException {
        ensureOpen();
        finished = true;
        byte[] index = buildIndex();
        String indexPath = BundleNames.indexFile(prefix);
        // An index left from an earlier bundle at this prefix would describe the old data file
        // once the new one replaces it; without an index the bundle simply does not exist yet.
        if (fs.exists(indexPath)) {
            fs.delete(indexPath);
        }
        dataStream.commit();
        FaultPoints.reach(FaultPoints.CHECKPOINT_DATA_WRITTEN);
        try (AtomicOutputStream out = fs.create(indexPath)) {
            out.write(index);
            out.commit();
        }
    }

    /** Discards everything unless {@link #finish()} succeeded. */
    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            dataStream.close();
        }
    }

    private BundleEntryProto.Builder appendData(CheckpointValue value) throws IOException {
        ensureOpen();
        long offset = data.position();
        data.startTensor();
        int crc;
        if (value instanceof CheckpointValue.Strings strings) {
            crc = StringCodec.write(strings.elementsView(), data);
        } else {
            NumericCodec.write(value.tensor(), data);
            crc = data.crc();
        }
        return BundleEntryProto.newBuilder()
                .setDtype(value.dtype())
                .setShape(shapeProto(value.shape()))
                .setOffset(offset)
                .setSize(data.position() - offset)
                .setCrc32C(Crc32c.mask(crc));
    }

    private byte[] buildIndex() {
        TableWriter table = new TableWriter();
        BundleHeaderProto header = BundleHeaderProto.newBuilder()
                .setNumShards(1)
                .setEndianness(BundleHeaderProto.Endianness.LITTLE)
                .setVersion(VersionDef.newBuilder().setProducer(BUNDLE_VERSION))
                .build();
        table.add(BundleKeys.HEADER, header.toByteArray());
        for (Map.Entry<byte[], BundleEntryProto.Builder> e : entries.entrySet()) {
            table.add(e.getKey(), e.getValue().build().toByteArray());
        }
        return table.finish();
    }

    private byte[] checkName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a checkpoint variable needs a non-empty name");
        }
        if (name.charAt(0) == '\0') {
            throw new IllegalArgumentException("a checkpoint variable name cannot start with a NUL character (that key space holds slices): "
                    + BundleKeys.describe(BundleKeys.forName(name)));
        }
        return BundleKeys.forName(name);
    }

    private void ensureOpen() {
        if (finished || closed) {
            throw new IllegalStateException("checkpoint " + prefix + " was already " + (finished ? "finished" : "closed"));
        }
    }

    static TensorShapeProto shapeProto(Shape shape) {
        long[] dims = new long[shape.rank()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = shape.dim(i);
        }
        return shapeProto(dims);
    }

    static TensorShapeProto shapeProto(long[] dims) {
        TensorShapeProto.Builder b = TensorShapeProto.newBuilder();
        for (long d : dims) {
            b.addDim(TensorShapeProto.Dim.newBuilder().setSize(d));
        }
        return b.build();
    }
}

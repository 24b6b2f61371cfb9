package dev.imgcls.export.checkpoint;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.imgcls.export.proto.BundleEntryProto;
import dev.imgcls.export.proto.BundleHeaderProto;
import dev.imgcls.export.proto.DataType;
import dev.imgcls.export.proto.TensorShapeProto;
import dev.imgcls.export.proto.VersionDef;
import dev.imgcls.io.Crc32c;
import dev.imgcls.io.FileSystem;
import dev.imgcls.io.FileSystems;
import dev.imgcls.tensor.Tensor;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.zip.CRC32C;

/**
 * Reads a TensorFlow checkpoint (tensor bundle V2), ours or TF's. Opening reads and verifies the
 * whole index (every block checksum), so the variables' names, dtypes and shapes are known at
 * once; a variable's data is read, and its checksum verified, only when asked for.
 *
 * <pre>{@code
 * BundleReader reader = BundleReader.open("gs://bucket/run/checkpoints/model.ckpt-1000");
 * for (VariableInfo v : reader.variables()) System.out.println(v);   // conv2d/kernel (DT_FLOAT) [7,7,3,64]
 * Tensor kernel = reader.read("conv2d/kernel").tensor();
 * }</pre>
 *
 * <p>Supported: any number of shards, float32/float64/int32/int64/uint8 and string tensors, and,
 * widened exactly, bool (as UINT8), half and bfloat16 (as FLOAT32). Rejected with an
 * {@link UnsupportedCheckpointException}: partitioned variables, big-endian bundles, snappy
 * blocks, V1 checkpoints and dtypes such as DT_VARIANT.
 */
public final class BundleReader {

    private record Stored(VariableInfo info, BundleEntryProto entry) {}

    /** Where one tensor's bytes live: for data-file checks, slices included. */
    private record Extent(int shard, long end) {}

    private final FileSystem fs;
    private final String prefix;
    private final int numShards;
    private final Map<String, Stored> variables;
    private final List<Extent> extents;

    private BundleReader(FileSystem fs, String prefix, int numShards, Map<String, Stored> variables, List<Extent> extents) {
        this.fs = fs;
        this.prefix = prefix;
        this.numShards = numShards;
        this.variables = variables;
        this.extents = extents;
    }

    /** Opens the bundle {@code prefix} (a local path or {@code gs://...}): reads and checks its index. */
    public static BundleReader open(String prefix) throws IOException {
        return open(FileSystems.defaults(), prefix);
    }

    public static BundleReader open(FileSystems fileSystems, String prefix) throws IOException {
        FileSystem fs = fileSystems.resolve(prefix);
        String indexPath = BundleNames.indexFile(prefix);
        if (!fs.exists(indexPath)) {
            if (fs.exists(prefix)) {
                if (!listOrEmpty(fs, prefix).isEmpty()) {
                    throw new NoSuchFileException(indexPath, null, prefix + " is a directory, not a checkpoint prefix; name a checkpoint"
                            + " in it (" + FileSystems.join(prefix, "model.ckpt-N") + ") or let CheckpointPaths.resolve pick its latest");
                }
                throw new UnsupportedCheckpointException(prefix + " exists but " + nameOf(indexPath) + " does not: this looks like a V1"
                        + " checkpoint (one file, the format TensorFlow replaced in 2016), which imgcls does not read; convert it by"
                        + " restoring it in TensorFlow and saving it again with a V2 saver");
            }
            throw new NoSuchFileException(indexPath, null, "no checkpoint index for prefix " + prefix);
        }
        byte[] indexBytes;
        try (InputStream in = fs.openRead(indexPath)) {
            indexBytes = in.readAllBytes();
        }
        List<TableReader.Entry> table = TableReader.readAll(indexBytes, indexPath);
        if (table.isEmpty() || table.get(0).key().length != 0) {
            throw new CheckpointFormatException("checkpoint index " + indexPath + " has no header entry (the empty key)");
        }
        int numShards = parseHeader(table.get(0).value(), indexPath);

        Map<String, Stored> variables = new LinkedHashMap<>();
        List<Extent> extents = new ArrayList<>();
        for (TableReader.Entry e : table.subList(1, table.size())) {
            BundleEntryProto entry;
            try {
                entry = BundleEntryProto.parseFrom(e.value());
            } catch (InvalidProtocolBufferException ex) {
                throw new CheckpointFormatException("checkpoint index " + indexPath + ": the entry of " + BundleKeys.describe(e.key())
                        + " does not parse (" + ex.getMessage() + ")", ex);
            }
            if (entry.getSlicesCount() == 0) {
                if (entry.getShardId() < 0 || entry.getShardId() >= numShards || entry.getOffset() < 0 || entry.getSize() < 0) {
                    throw new CheckpointFormatException("checkpoint index " + indexPath + ": the entry of " + BundleKeys.describe(e.key())
                            + " points outside the data files (shard " + entry.getShardId() + " of " + numShards + ", offset "
                            + entry.getOffset() + ", size " + entry.getSize() + ")");
                }
                extents.add(new Extent(entry.getShardId(), entry.getOffset() + entry.getSize()));
            }
            if (BundleKeys.isSliceKey(e.key())) {
                continue; // a stored slice; its variable's own entry lists it
            }
            String name = BundleKeys.name(e.key());
            variables.put(name, new Stored(new VariableInfo(name, entry.getDtype(), dims(entry.getShape(), name, indexPath),
                    entry.getSlicesCount()), entry));
        }
        return new BundleReader(fs, prefix, numShards, Collections.unmodifiableMap(variables), extents);
    }

    public String prefix() {
        return prefix;
    }

    public int numShards() {
        return numShards;
    }

    /** Every variable, in the index's (byte-wise) name order. */
    public List<VariableInfo> variables() {
        return variables.values().stream().map(Stored::info).toList();
    }

    public Optional<VariableInfo> variable(String name) {
        Stored s = variables.get(name);
        return s == null ? Optional.empty() : Optional.of(s.info());
    }

    public boolean contains(String name) {
        return variables.containsKey(name);
    }

    /** Reads one variable, verifying its checksum. */
    public CheckpointValue read(String name) throws IOException {
        Stored stored = require(name);
        checkReadable(stored);
        String dataPath = BundleNames.dataFile(prefix, stored.entry().getShardId(), numShards);
        try (InputStream in = openData(dataPath, name)) {
            skipTo(in, stored.entry().getOffset(), dataPath, name);
            return decode(stored, readData(in, stored, dataPath));
        }
    }

    /** Reads a numeric variable's tensor. */
    public Tensor readTensor(String name) throws IOException {
        CheckpointValue value = read(name);
        if (!(value instanceof CheckpointValue.Numeric numeric)) {
            throw new IllegalArgumentException("variable '" + name + "' of checkpoint " + prefix + " holds strings, not a numeric tensor");
        }
        return numeric.tensor();
    }

    /**
     * Reads every variable whose name {@code wanted} accepts, in one pass over each data file (the
     * way to read many variables from GCS, where every separate read starts a new download).
     *
     * @return the values by name, in name order
     */
    public Map<String, CheckpointValue> readAll(Predicate<String> wanted) throws IOException {
        List<Stored> selected = new ArrayList<>();
        for (Stored s : variables.values()) {
            if (wanted.test(s.info().name())) {
                checkReadable(s);
                selected.add(s);
            }
        }
        selected.sort(Comparator.comparingInt((Stored s) -> s.entry().getShardId()).thenComparingLong(s -> s.entry().getOffset()));
        Map<String, CheckpointValue> values = new java.util.HashMap<>();
        int i = 0;
        while (i < selected.size()) {
            int shard = selected.get(i).entry().getShardId();
            String dataPath = BundleNames.dataFile(prefix, shard, numShards);
            InputStream in = null;
            long position = 0;
            try {
                for (; i < selected.size() && selected.get(i).entry().getShardId() == shard; i++) {
                    Stored s = selected.get(i);
                    if (in == null || s.entry().getOffset() < position) {
                        if (in != null) {
                            in.close(); // overlapping extents (never written by TF): start over
                        }
                        in = openData(dataPath, s.info().name());
                        position = 0;
                    }
                    skipTo(in, s.entry().getOffset() - position, dataPath, s.info().name());
                    values.put(s.info().name(), decode(s, readData(in, s, dataPath)));
                    position = s.entry().getOffset() + s.entry().getSize();
                }
            } finally {
                if (in != null) {
                    in.close();
                }
            }
        }
        Map<String, CheckpointValue> ordered = new LinkedHashMap<>();
        for (String name : variables.keySet()) {
            if (values.containsKey(name)) {
                ordered.put(name, values.get(name));
            }
        }
        return ordered;
    }

    /**
     * Checks, without reading them, that all data files exist and are long enough for every
     * tensor the index describes: what distinguishes a complete checkpoint from a half-copied one.
     */
    public void checkDataFiles() throws IOException {
        long[] needed = new long[numShards];
        for (Extent e : extents) {
            needed[e.shard()] = Math.max(needed[e.shard()], e.end());
        }
        for (int shard = 0; shard < numShards; shard++) {
            String dataPath = BundleNames.dataFile(prefix, shard, numShards);
            if (!fs.exists(dataPath)) {
                throw new NoSuchFileException(dataPath, null, "data file of checkpoint " + prefix + " is missing");
            }
            long size = fs.size(dataPath);
            if (size < needed[shard]) {
                throw new CheckpointFormatException("data file " + dataPath + " is truncated: " + size + " bytes, but the index needs "
                        + needed[shard]);
            }
        }
    }

    private Stored require(String name) {
        Stored s = variables.get(name);
        if (s == null) {
            throw new IllegalArgumentException("checkpoint " + prefix + " has no variable '" + name + "' (it has " + variables.size()
                    + " variables)");
        }
        return s;
    }

    private void checkReadable(Stored s) throws IOException {
        VariableInfo info = s.info();
        String where = "variable '" + info.name() + "' of checkpoint " + prefix;
        if (info.isPartitioned()) {
            throw new UnsupportedCheckpointException(where + " was saved as " + info.sliceCount()
                    + (info.sliceCount() == 1 ? " slice" : " slices") + " (a partitioned variable), which imgcls does not read;"
                    + " re-save it unpartitioned (restore it in TensorFlow and save it as one tensor)");
        }
        if (info.dtype() != DataType.DT_STRING && TensorTypes.readAs(info.dtype()) == null) {
            throw new UnsupportedCheckpointException(where + " has dtype " + TensorTypes.name(info.dtype())
                    + ", which imgcls cannot read (supported: float, double, half, bfloat16, int32, int64, uint8, bool, string)");
        }
        if (info.numElements() > Integer.MAX_VALUE || s.entry().getSize() > Integer.MAX_VALUE - 8) {
            throw new UnsupportedCheckpointException(where + " is too large for one tensor (" + info.numElements() + " elements, "
                    + s.entry().getSize() + " bytes)");
        }
        int elementSize = TensorTypes.elementSize(info.dtype());
        long expected = info.numElements() * elementSize;
        if (elementSize > 0 && s.entry().getSize() != expected) {
            throw new CheckpointFormatException(where + ": the index gives " + s.entry().getSize() + " bytes of data, but "
                    + info + " needs " + expected);
        }
    }

    private InputStream openData(String dataPath, String name) throws IOException {
        try {
            return fs.openRead(dataPath);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(dataPath, null, "data file of checkpoint " + prefix + " (needed for variable '" + name
                    + "') is missing");
        }
    }

    private static void skipTo(InputStream in, long bytes, String dataPath, String name) throws IOException {
        try {
            in.skipNBytes(bytes);
        } catch (EOFException e) {
            throw new CheckpointFormatException("data file " + dataPath + " is truncated: it ends before the data of variable '"
                    + name + "'");
        }
    }

    private static byte[] readData(InputStream in, Stored s, String dataPath) throws IOException {
        int size = (int) s.entry().getSize();
        byte[] bytes = in.readNBytes(size);
        if (bytes.length < size) {
            throw new CheckpointFormatException("data file " + dataPath + " is truncated: variable '" + s.info().name()
                    + "' needs bytes [" + s.entry().getOffset() + ", " + (s.entry().getOffset() + size) + ") but the file ends at "
                    + (s.entry().getOffset() + bytes.length));
        }
        return bytes;
    }

    private CheckpointValue decode(Stored s, byte[] bytes) throws CheckpointFormatException {
        VariableInfo info = s.info();
        String where = "variable '" + info.name() + "' in " + BundleNames.dataFile(prefix, s.entry().getShardId(), numShards);
        if (info.dtype() == DataType.DT_STRING) {
            return CheckpointValue.ofBytes(info.shape(), StringCodec.read(bytes, (int) info.numElements(), s.entry().getCrc32C(), where));
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        int computed = Crc32c.mask((int) crc.getValue());
        if (computed != s.entry().getCrc32C()) {
            throw new CheckpointFormatException(where + ": checksum mismatch (stored crc32c 0x"
                    + Integer.toHexString(Crc32c.unmask(s.entry().getCrc32C())) + ", computed 0x"
                    + Integer.toHexString((int) crc.getValue()) + "); the data file is corrupt");
        }
        return CheckpointValue.of(NumericCodec.read(bytes, info.dtype(), info.shape().dims()));
    }

    private static int parseHeader(byte[] value, String indexPath) throws IOException {
        BundleHeaderProto header;
        try {
            header = BundleHeaderProto.parseFrom(value);
        } catch (InvalidProtocolBufferException e) {
            throw new CheckpointFormatException("checkpoint index " + indexPath + ": the header does not parse (" + e.getMessage() + ")", e);
        }
        if (header.getEndianness() != BundleHeaderProto.Endianness.LITTLE) {
            throw new UnsupportedCheckpointException("checkpoint " + indexPath + " was written on a big-endian machine ("
                    + header.getEndianness() + "); re-save it on a little-endian one (x86, ARM)");
        }
        VersionDef v = header.getVersion();
        if (v.getMinConsumer() > BundleWriter.BUNDLE_VERSION || v.getBadConsumersList().contains(BundleWriter.BUNDLE_VERSION)) {
            throw new UnsupportedCheckpointException("checkpoint " + indexPath + " needs a newer reader (bundle version: producer "
                    + v.getProducer() + ", min_consumer " + v.getMinConsumer() + ", bad_consumers " + v.getBadConsumersList()
                    + "; this reader is version " + BundleWriter.BUNDLE_VERSION + ")");
        }
        if (header.getNumShards() < 1) {
            throw new CheckpointFormatException("checkpoint index " + indexPath + ": the header gives " + header.getNumShards() + " shards");
        }
        return header.getNumShards();
    }

    private static long[] dims(TensorShapeProto shape, String name, String indexPath) throws CheckpointFormatException {
        if (shape.getUnknownRank()) {
            throw new CheckpointFormatException("checkpoint index " + indexPath + ": variable '" + name + "' has a shape of unknown rank");
        }
        long[] dims = new long[shape.getDimCount()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = shape.getDim(i).getSize();
            if (dims[i] < 0) {
                throw new CheckpointFormatException("checkpoint index " + indexPath + ": variable '" + name + "' has dimension "
                        + dims[i] + " (checkpoints hold fully defined shapes)");
            }
        }
        return dims;
    }

    /** The entries of a directory; empty for a file (which the local file system refuses to list). */
    private static List<String> listOrEmpty(FileSystem fs, String path) {
        try {
            return fs.list(path);
        } catch (IOException e) {
            return List.of();
        }
    }

    static String nameOf(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}

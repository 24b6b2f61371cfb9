package dev.imgcls.export.checkpoint;

/** Where a block lives in a table file: its offset and its size without the 5-byte trailer. */
record BlockHandle(long offset, long size) {

    void encodeTo(ByteSink out) {
        out.writeVarint64(offset);
        out.writeVarint64(size);
    }

    byte[] encode() {
        ByteSink out = new ByteSink(20);
        encodeTo(out);
        return out.toByteArray();
    }

    static BlockHandle decode(ByteCursor in, String what) throws CheckpointFormatException {
        long offset = in.varint64(what + " offset");
        long size = in.varint64(what + " size");
        if (offset < 0 || size < 0) {
            throw in.corrupt(what + " has a negative offset or size");
        }
        return new BlockHandle(offset, size);
    }
}

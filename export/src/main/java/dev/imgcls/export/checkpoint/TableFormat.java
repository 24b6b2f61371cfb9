package dev.imgcls.export.checkpoint;

import dev.imgcls.io.Crc32c;

import java.util.zip.CRC32C;

/**
 * Constants of TensorFlow's leveldb-derived table format (tensorflow/core/lib/io/format.h and
 * table_options.h) as the tensor bundle writer uses them.
 */
final class TableFormat {

    /** Data blocks are flushed once their size estimate reaches this (TF's table::Options default). */
    static final int BLOCK_SIZE = 262_144;
    /** A full key every 16 entries in data blocks; every entry of the index block is a restart. */
    static final int DATA_RESTART_INTERVAL = 16;
    static final int INDEX_RESTART_INTERVAL = 1;
    /** Type byte and masked CRC-32C after every block. */
    static final int BLOCK_TRAILER_SIZE = 5;
    static final int FOOTER_SIZE = 48;
    /** Room for the two block handles (at most 2 x 2 x 10 bytes) before the magic number. */
    static final int FOOTER_HANDLES_SIZE = 40;
    static final long MAGIC = 0xdb4775248b80fb57L;
    static final byte NO_COMPRESSION = 0;
    static final byte SNAPPY_COMPRESSION = 1;

    private TableFormat() {}

    /** The masked CRC-32C a block trailer stores: over the contents and then the type byte. */
    static int blockChecksum(byte[] contents, int offset, int length, byte type) {
        CRC32C crc = new CRC32C();
        crc.update(contents, offset, length);
        crc.update(type);
        return Crc32c.mask((int) crc.getValue());
    }
}

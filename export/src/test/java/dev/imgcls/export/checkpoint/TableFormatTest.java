package dev.imgcls.export.checkpoint;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The leveldb-style table underneath a checkpoint index: blocks, restarts, separators, slice keys. */
class TableFormatTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    @Test
    void anEmptyBlockIsOneRestartAtZero() {
        assertArrayEquals(hex("00000000 01000000"), new BlockBuilder(16).finish());
    }

    @Test
    void keysSharePrefixesBetweenRestartsEvery16Entries() {
        BlockBuilder block = new BlockBuilder(16);
        for (int i = 0; i < 40; i++) {
            block.add(b(String.format("layer/%03d", i)), new byte[] {(byte) i});
        }
        byte[] contents = block.finish();
        int restarts = ByteCursor.fixed32(contents, contents.length - 4);
        assertEquals(3, restarts, "restarts at entries 0, 16 and 32");
        // Entry 1 shares "layer/00" (8 bytes) with entry 0; the entry at restart 1 shares nothing.
        int entrySize0 = 3 + 9 + 1;
        assertEquals(8, contents[entrySize0]);
        int restart1 = ByteCursor.fixed32(contents, contents.length - 4 - 4 * 3 + 4);
        assertEquals(0, contents[restart1], "no shared bytes at a restart point");
        assertEquals(9, contents[restart1 + 1]);
    }

    @Test
    void theIndexBlockRestartsAtEveryEntry() {
        BlockBuilder index = new BlockBuilder(1);
        index.add(b("abc"), new byte[] {1});
        index.add(b("abd"), new byte[] {2});
        byte[] contents = index.finish();
        assertEquals(2, ByteCursor.fixed32(contents, contents.length - 4));
        assertArrayEquals(hex("00 03 01 616263 01  00 03 01 616264 02  00000000 07000000 02000000"), contents);
    }

    @Test
    void separatorsAndSuccessorsAreTheShortestThatStillSeparate() {
        assertArrayEquals(b("the r"), TableWriter.shortestSeparator(b("the quick brown fox"), b("the who")));
        assertArrayEquals(b("abc"), TableWriter.shortestSeparator(b("abc"), b("abcdef")), "a prefix is left alone");
        assertArrayEquals(b("abc"), TableWriter.shortestSeparator(b("abc"), b("abd")), "no room between c and d");
        assertArrayEquals(hex("61ff"), TableWriter.shortestSeparator(hex("61ff"), hex("62")), "0xff is not incremented");
        assertArrayEquals(b("b"), TableWriter.shortestSeparator(b("a1"), b("c")));
        assertArrayEquals(b("t"), TableWriter.shortSuccessor(b("s")));
        assertArrayEquals(hex("ff ff 02"), TableWriter.shortSuccessor(hex("ff ff 01 05")));
        assertArrayEquals(hex("ff ff"), TableWriter.shortSuccessor(hex("ff ff")));
    }

    @Test
    void keysMustBeStrictlyIncreasingAsUnsignedBytes() {
        TableWriter table = new TableWriter();
        table.add(b("a"), new byte[0]);
        table.add(hex("e9"), new byte[0]); // 0xe9 > 'a' unsigned, though negative as a Java byte
        assertThrows(IllegalArgumentException.class, () -> table.add(b("b"), new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> table.add(hex("e9"), new byte[0]));
    }

    @Test
    void manyRandomKeysRoundTripThroughSeveralBlocks() throws Exception {
        SplittableRandom random = new SplittableRandom(11);
        TreeSet<byte[]> keys = new TreeSet<>(Arrays::compareUnsigned);
        while (keys.size() < 30_000) {
            byte[] key = new byte[1 + random.nextInt(24)];
            for (int i = 0; i < key.length; i++) {
                key[i] = (byte) (random.nextInt(4) == 0 ? 0xff : random.nextInt(256)); // many 0xff bytes
            }
            keys.add(key);
        }
        TableWriter table = new TableWriter();
        List<byte[]> values = new ArrayList<>();
        for (byte[] key : keys) {
            byte[] value = new byte[random.nextInt(12)];
            random.nextBytes(value);
            values.add(value);
            table.add(key, value);
        }
        byte[] file = table.finish();
        assertTrue(TableReader.indexEntryCount(file, "t") >= 2, "several data blocks");
        List<TableReader.Entry> read = TableReader.readAll(file, "t");
        assertEquals(keys.size(), read.size());
        int i = 0;
        for (byte[] key : keys) {
            assertArrayEquals(key, read.get(i).key(), "key " + i);
            assertArrayEquals(values.get(i), read.get(i).value(), "value " + i);
            i++;
        }
    }

    @Test
    void sliceKeysUseOrderedCode() {
        // tf-formats.md §4.6: slice [0, 2) of a [4] tensor named p.
        assertArrayEquals(hex("00 70 00 01 01 01 80 82"), BundleKeys.sliceKey("p", new long[] {0}, new long[] {2}));
        // A full dimension has length -1; a NUL in the name is escaped as 00 ff.
        assertArrayEquals(hex("00 61 00ff 62 0001 01 02 80 7f c12c 7f"),
                BundleKeys.sliceKey("a\u0000b", new long[] {0, 300}, new long[] {-1, -1}));
        // Larger numbers take more bytes and keep their order: 63 | 64 | 300 | 8191 | 8192 | -65
        assertArrayEquals(hex("bf"), signed(63));
        assertArrayEquals(hex("c0 40"), signed(64));
        assertArrayEquals(hex("c1 2c"), signed(300));
        assertArrayEquals(hex("df ff"), signed(8191));
        assertArrayEquals(hex("e0 20 00"), signed(8192));
        assertArrayEquals(hex("3f bf"), signed(-65));
        long[] ordered = {Long.MIN_VALUE, -1L << 40, -8193, -65, -64, -1, 0, 1, 63, 64, 8191, 8192, 1L << 40, Long.MAX_VALUE};
        for (int k = 1; k < ordered.length; k++) {
            assertTrue(Arrays.compareUnsigned(signed(ordered[k - 1]), signed(ordered[k])) < 0, ordered[k - 1] + " < " + ordered[k]);
        }
        assertEquals(10, signed(Long.MIN_VALUE).length);
        assertEquals(10, signed(Long.MAX_VALUE).length);
    }

    /** The bytes OrderedCode gives one signed number, cut out of a one-dimensional slice key. */
    private static byte[] signed(long value) {
        byte[] key = BundleKeys.sliceKey("", new long[] {value}, new long[] {0});
        int start = 1 + 2 + 2; // num(0), the empty name's terminator, num(rank 1)
        return Arrays.copyOfRange(key, start, key.length - 1); // the length 0 is the last byte, 0x80
    }
}

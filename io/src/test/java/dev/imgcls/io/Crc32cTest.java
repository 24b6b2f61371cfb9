package dev.imgcls.io;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** tf-formats.md §7.1. */
class Crc32cTest {

    private static int crc(byte[] b) {
        return Crc32c.compute(b);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void knownValues() {
        assertEquals(0x00000000, crc(new byte[0]));
        assertEquals(0xE3069283, crc(ascii("123456789")));
        assertEquals(0xC1D04330, crc(ascii("a")));
        assertEquals(0x9A71BB4C, crc(ascii("hello")));
        assertEquals(0x8A9136AA, crc(new byte[32]));
        byte[] ones = new byte[32];
        Arrays.fill(ones, (byte) 0xFF);
        assertEquals(0x62A8AB43, crc(ones));
        byte[] up = new byte[32];
        byte[] down = new byte[32];
        for (int i = 0; i < 32; i++) {
            up[i] = (byte) i;
            down[i] = (byte) (31 - i);
        }
        assertEquals(0x46DD794E, crc(up));
        assertEquals(0x113FDB5C, crc(down));
        assertEquals(0x8C28B28A, crc(new byte[8]));
    }

    @Test
    void maskedValues() {
        assertEquals(0xA282EAD8, Crc32c.mask(crc(new byte[0])));
        assertEquals(0xC78AB0E5, Crc32c.mask(crc(ascii("123456789"))));
        assertEquals(0x191C1FBB, Crc32c.mask(crc(ascii("hello"))));
        assertEquals(0x07980329, Crc32c.mask(crc(new byte[8])));
        assertEquals(0x07980329, Crc32c.maskedCrc(new byte[8], 0, 8));
    }

    @Test
    void unmaskInvertsMask() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 10_000; i++) {
            int x = random.nextInt();
            assertEquals(x, Crc32c.unmask(Crc32c.mask(x)));
        }
        assertEquals(0xE3069283, Crc32c.unmask(0xC78AB0E5));
    }

    @Test
    void rangeOverloadSeesOnlyTheRange() {
        byte[] padded = ascii("xx123456789yy");
        assertEquals(0xE3069283, Crc32c.compute(padded, 2, 9));
    }
}

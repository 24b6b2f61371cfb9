package dev.imgcls.tensor;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * Philox4x32-10 against Random123's published known answers (kat_vectors, philox4x32 10): counter
 * words and key words low first. The first one, through the Generator, is also in the kernels'
 * EngineBasicsTest; the other two set every counter word, which the Generator's stream never does.
 */
class PhiloxKnownAnswerTest {

    private static int[] philox(int c0, int c1, int c2, int c3, int k0, int k1) {
        int[] out = new int[4];
        Generator.philox(c0, c1, c2, c3, k0, k1, out);
        return out;
    }

    @Test
    void zeroCounterZeroKey() {
        assertArrayEquals(new int[] {0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8}, philox(0, 0, 0, 0, 0, 0));
    }

    @Test
    void allOnesCounterAllOnesKey() {
        assertArrayEquals(new int[] {0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd}, philox(-1, -1, -1, -1, -1, -1));
    }

    @Test
    void digitsOfPiCounterAndKey() {
        assertArrayEquals(new int[] {0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1},
                philox(0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344, 0xa4093822, 0x299f31d0));
    }

    /** The stream's block b is the known-answer-checked function of counter (b, 0) under key seed. */
    @Test
    void theGeneratorsBlocksAreTheCounterBlockZeroZeroUnderTheSeed() {
        long seed = 0x299f31d0a4093822L;
        // Block 0x05a308d3_243f6a88 (the position counts words, four per block).
        Generator g = new Generator(seed, 4 * 0x05a308d3243f6a88L);
        int[] expected = philox(0x243f6a88, 0x05a308d3, 0, 0, 0xa4093822, 0x299f31d0);
        assertArrayEquals(expected, new int[] {g.nextInt(), g.nextInt(), g.nextInt(), g.nextInt()});
    }
}
